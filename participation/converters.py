from django.urls import register_converter


class IdConverter:
    """A database id in a URL: digits that fit a 64-bit integer.

    Django's "int" converter accepts any length, and a number past 64 bits
    makes SQLite raise OverflowError, a server error, instead of a 404.
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")
