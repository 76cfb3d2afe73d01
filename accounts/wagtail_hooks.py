from wagtail import hooks

from .signals import add_to_employees


@hooks.register("after_create_user")
def add_admin_created_user_to_employees(request, user):
    """Add a user created in the admin to the employees, beside the groups ticked.

    The admin's user form saves the ticked groups after the user, which
    replaces the membership that the post_save receiver gave the new account.
    """
    add_to_employees(user)
