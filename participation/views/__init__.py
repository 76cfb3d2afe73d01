def posted(request):
    """Return the POST data on a POST, else None, to bind a form or not.

    Unlike `request.POST or None`, an empty POST still binds the form, so
    that it shows its errors.
    """
    return request.POST if request.method == "POST" else None
