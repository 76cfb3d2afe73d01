from ideapages.status import IdeaStatus


def test_full_path(idea, people, act):
    act(people.ambassador, idea, "start")
    act(people.ambassador, idea, "develop")
    act(people.innovation, idea, "send-to-management")
    act(
        people.management,
        idea,
        "approve-implementation",
        implementer=people.implementer.pk,
    )
    act(people.implementer, idea, "save-plan")
    act(people.innovation, idea, "anchor-plan")
    act(people.implementer, idea, "mark-implemented")
    act(people.innovation, idea, "evaluate")
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.EVALUATED
