import hashlib
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Case, IntegerField, When
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .forms import IdeaFilterForm, IdeaForm
from .listing_cache import listing_version
from .models import IdeaPage
from .submission import create_idea

logger = logging.getLogger(__name__)

SORT_ORDERS = {
    IdeaFilterForm.SORT_NEWEST: ("-submitted_at", "-pk"),
    IdeaFilterForm.SORT_MOST_COMMENTED: ("-comment_count", "-submitted_at", "-pk"),
    IdeaFilterForm.SORT_MOST_SUPPORTED: ("-support_count", "-submitted_at", "-pk"),
}


def search_idea_ids(query: str) -> list[int]:
    """Return the ids of live ideas matching `query`, best match first."""
    # modelsearch 1.3 wraps each word in double quotes for SQLite's FTS5
    # without doubling a double quote inside it, so such a query is an SQL
    # syntax error. A plain-text search gives quotes no meaning, so they are
    # dropped on every database.
    query = query.replace('"', " ")
    if not query.strip():
        return []
    results = IdeaPage.objects.live().only("pk").search(query, operator="and")
    return [idea.pk for idea in results]


def find_page(number, items):
    """Return the page of `items` with `number`, and whether the number was invalid.

    An invalid page number gets the first page, or the last page if the
    number is too high.
    """
    paginator = Paginator(items, settings.IDEAS_PER_PAGE)
    number = number or 1
    try:
        return paginator.page(number), False
    except PageNotAnInteger:
        return paginator.page(1), True
    except EmptyPage:
        return paginator.page(paginator.num_pages if int(number) > 1 else 1), True


def warn_invalid_page(request, number: int) -> None:
    messages.warning(
        request,
        _("The page number in the address is not valid, so page %(number)s is shown.")
        % {"number": number},
    )


def get_page(request, items):
    """Return the page of `items` that the query string requests.

    An invalid page number gets the first page, or the last page if the
    number is too high, and a warning message names the page shown.
    """
    page, invalid = find_page(request.GET.get("page"), items)
    if invalid:
        warn_invalid_page(request, page.number)
    return page


def filter_ideas(ideas, filters: dict):
    """Apply the idea list's filters, search and sort order to `ideas`."""
    for field in ("status", "category", "unit"):
        if field in filters:
            ideas = ideas.filter(**{field: filters[field]})

    query = filters.get("q", "").strip()
    sort = filters.get("sort") or (
        IdeaFilterForm.SORT_RELEVANCE if query else IdeaFilterForm.SORT_NEWEST
    )
    if query:
        ranked_ids = search_idea_ids(query)
        ideas = ideas.filter(pk__in=ranked_ids)
        if sort == IdeaFilterForm.SORT_RELEVANCE:
            rank = Case(
                *(When(pk=pk, then=position) for position, pk in enumerate(ranked_ids)),
                output_field=IntegerField(),
            )
            return ideas.order_by(rank, "-pk") if ranked_ids else ideas
    return ideas.order_by(
        *SORT_ORDERS.get(sort, SORT_ORDERS[IdeaFilterForm.SORT_NEWEST])
    )


def render_results(
    request, index_page, filters: dict, query: str
) -> tuple[str, int | None]:
    """Render the results block of the idea list, through the listing cache.

    Returns the HTML and, when the requested page number was invalid, the
    number of the page shown instead.
    """
    number = request.GET.get("page")
    request_values = repr(
        (sorted((name, str(value)) for name, value in filters.items()), number)
    )
    # Hashed, because a search text can hold any character and be long.
    digest = hashlib.sha256(request_values.encode()).hexdigest()
    key = f"ideapages:list:{listing_version()}:{get_language()}:{digest}"
    use_cache = settings.IDEA_LIST_CACHE_SECONDS > 0
    cached = cache.get(key) if use_cache else None
    if cached is not None:
        return cached

    ideas = filter_ideas(index_page.ideas(), filters)
    page, invalid = find_page(number, ideas)
    html = render_to_string(
        "ideapages/includes/idea_results.html",
        {"ideas": page, "query_without_page": query},
        request=request,
    )
    result = (html, page.number if invalid else None)
    if use_cache:
        cache.set(key, result, settings.IDEA_LIST_CACHE_SECONDS)
    return result


def idea_list(request, index_page):
    form = IdeaFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    # Page links carry the valid filters only, as typed. The cached results
    # are keyed by these filters, so the links must not depend on anything
    # else in the address.
    query = urlencode({name: request.GET[name] for name in filters})

    # An invalid search text, such as one past the length limit, runs no
    # search: listing every idea under it would look like its result.
    search_invalid = "q" in form.errors
    results = ""
    if not search_invalid:
        results, shown_instead = render_results(request, index_page, filters, query)
        if shown_instead is not None:
            warn_invalid_page(request, shown_instead)
    return TemplateResponse(
        request,
        "ideapages/idea_index_page.html",
        {
            "page": index_page,
            "self": index_page,
            "filter_form": form,
            "filter_selects": [
                (form[name], form.select_options(name)) for name in form.SELECT_FIELDS
            ],
            "results": results,
            "search_invalid": search_invalid,
            "is_filtered": search_invalid or bool(filters.keys() - {"sort"}),
        },
    )


def submit_idea(request, index_page):
    form = IdeaForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        idea, created = create_idea(index_page, request.user, form.cleaned_data)
        if created:
            messages.success(
                request,
                _(
                    "Thank you! Your idea is published and an idea ambassador "
                    "will assess it."
                ),
            )
        else:
            messages.info(request, _("Your idea was already submitted."))
        return redirect(idea.get_url(request))

    return TemplateResponse(
        request,
        "ideapages/idea_form.html",
        {"page": index_page, "self": index_page, "form": form},
    )


def my_ideas(request, index_page):
    ideas = index_page.ideas().filter(owner=request.user)
    page = get_page(request, ideas)
    return TemplateResponse(
        request,
        "ideapages/my_ideas.html",
        {"page": index_page, "self": index_page, "ideas": page},
    )
