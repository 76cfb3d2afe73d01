from django.dispatch import Signal

# Sent once a new idea is live, with the arguments `idea` and `user` (the
# giver, or None for an imported idea).
idea_submitted = Signal()

# Sent inside the transaction that changes an idea's status, with the
# arguments `idea`, `old_status`, `new_status` and `user` (who acted, or
# None). Receivers that write to the database roll back with the change.
idea_status_changed = Signal()
