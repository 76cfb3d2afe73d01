from .attachments import Attachment
from .comments import CommentEdit, CommentHiding, CommentReport, ImportedComment
from .support import Follow, Support

__all__ = [
    "Attachment",
    "CommentEdit",
    "CommentHiding",
    "CommentReport",
    "Follow",
    "ImportedComment",
    "Support",
]
