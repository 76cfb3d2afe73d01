from django.dispatch import Signal

# Sent once a new idea is live, with the arguments `idea` and `user` (the
# giver, or None for an imported idea).
idea_submitted = Signal()
