"""What happens when a workflow finishes, set as WAGTAIL_FINISH_WORKFLOW_ACTION.

Wagtail imports this module while it defines its models, so it imports
nothing from the project at module level.
"""


def finish_workflow_state(workflow_state, user=None):
    """Publish the object of a finished workflow, unless it is an idea.

    An idea is live from its submission and the idea process moves only its
    status. Publishing its latest revision at the end would put an editor's
    unreviewed draft live, and would need publish permission that the last
    step's actors do not have.
    """
    from wagtail.workflows import publish_workflow_state

    from ideapages.models import IdeaPage

    if isinstance(workflow_state.content_object.specific, IdeaPage):
        return
    publish_workflow_state(workflow_state, user=user)
