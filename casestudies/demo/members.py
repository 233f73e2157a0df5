"""The demo members linked to the demo content: speakers of the seminars they spoke at
(matched by name) and contacts of the case studies their entry names. Safe to run again."""

from django.db import transaction

from members.demo import MEMBERS, demo_profile

from ..models import CaseStudyContact, CaseStudyPage, SeminarPage


@transaction.atomic
def link_members() -> None:
    for spec in MEMBERS:
        profile = demo_profile(spec.name)
        if profile is not None:
            _link_case_studies(profile, spec.case_studies)
    _link_speakers()


def _link_speakers() -> None:
    """Point the demo seminars' speakers at the members of the same name."""
    by_name = {}
    for spec in MEMBERS:
        profile = demo_profile(spec.name) if spec.speaker else None
        if profile is not None:
            by_name[spec.name] = profile.pk
    for seminar in SeminarPage.objects.live():
        page = seminar.get_latest_revision_as_object()
        speakers = list(page.speakers.all())
        changed = False
        for speaker in speakers:
            member_id = by_name.get(speaker.name)
            if member_id and speaker.member_id != member_id:
                speaker.member_id = member_id
                changed = True
        if changed:
            page.speakers = speakers
            page.save_revision(clean=False).publish()


def _link_case_studies(profile, slugs: tuple[str, ...]) -> None:
    for case_study in CaseStudyPage.objects.live().filter(slug__in=slugs):
        page = case_study.get_latest_revision_as_object()
        if any(contact.member_id == profile.pk for contact in page.contacts.all()):
            continue
        page.contacts = [*page.contacts.all(), CaseStudyContact(member=profile, role="Contact")]
        page.save_revision(clean=False).publish()
