"""Case studies contributed by members.

A contribution is a draft `CaseStudyPage` under the case study index with a
`contributor`: it stays a draft (never live, so never in search, related items or a
profile) until a moderator approves it through the site's Wagtail workflow, the
"Contribution moderators" group task. Keeping contributions as ordinary draft pages gives
reviewers Wagtail's own screens (edit, preview, revision compare, "Awaiting your review").

- `drafts.py` writes a member's draft as a new revision, refusing a stale one;
- `workflow.py` submits, resubmits and withdraws, and says where a contribution stands;
- `notify.py` emails the member at each editor's decision.

This package knows nothing of the members app: it reaches the member through the
`contributor` relation. Member-facing views live in `network/contribute/`.
"""
