from .pages import HomePage, IdeaIndexPage, IdeaPage
from .taxonomy import Category, Unit

__all__ = ["Category", "HomePage", "IdeaIndexPage", "IdeaPage", "Unit"]
