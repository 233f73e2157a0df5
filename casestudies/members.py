"""The practice a member is linked to, as the members app shows it: the case studies that
name them as a contact and the seminars they spoke at, on their profile page and in
"your data", and counted for the people who can help (registered in `members.shown`)."""

from members import shown

from .models import CaseStudyPage, SeminarPage, SeminarSpeaker


def case_studies(profile):
    return (
        CaseStudyPage.objects.live()
        .public()
        .filter(contacts__member=profile)
        .distinct()
        .order_by("-year", "title")
    )


def seminars(profile):
    return (
        SeminarPage.objects.live()
        .public()
        .filter(speakers__member=profile)
        .distinct()
        .order_by("-date")
    )


def case_studies_data(profile) -> list[dict]:
    pages = CaseStudyPage.objects.filter(contacts__member=profile).distinct()
    return [{"title": page.title, "url": page.url} for page in pages]


def seminars_data(profile) -> list[dict]:
    speakers = SeminarSpeaker.objects.filter(member=profile).select_related("page")
    return [
        {"title": s.page.title, "url": s.page.url, "date": s.page.date.isoformat()}
        for s in speakers
    ]


def case_study_counts(profile_ids) -> dict[int, int]:
    return shown.count_by(CaseStudyPage.objects.live().public(), "contacts__member", profile_ids)


def seminar_counts(profile_ids) -> dict[int, int]:
    return shown.count_by(SeminarPage.objects.live().public(), "speakers__member", profile_ids)


def register() -> None:
    shown.register(
        shown.Shown(
            "case_studies",
            public=case_studies,
            export=case_studies_data,
            counts=case_study_counts,
            phrases=("contact for {n} case study", "contact for {n} case studies"),
        )
    )
    shown.register(
        shown.Shown(
            "seminars",
            public=seminars,
            export=seminars_data,
            export_name="seminars_spoken_at",
            counts=seminar_counts,
            phrases=("spoke at {n} seminar", "spoke at {n} seminars"),
        )
    )
