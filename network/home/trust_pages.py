"""The first version of the site's own pages (about, contact, privacy notice,
accessibility statement), for `seed_demo` and new sites. Editors own them afterwards: a
page that already has its purpose is never touched again.

The privacy notice states the retention periods the project enforces, read from the
settings when the page is first written; an editor who changes a setting updates the page.
"""

from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone

from allauth.account import app_settings as account_settings

from .models import Purpose, StandardPage


def contact_email() -> str:
    return settings.SITE_CONTACT_EMAIL or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def ensure_trust_pages(home) -> int:
    """Create whichever of the pages is missing below `home`; returns how many."""
    created = 0
    for purpose, (title, slug, summary, body) in _pages().items():
        if StandardPage.objects.filter(purpose=purpose).exists():
            continue
        page = home.add_child(
            instance=StandardPage(
                title=title,
                slug=_free_slug(home, slug),
                summary=summary,
                body=body,
                purpose=purpose,
                last_updated=timezone.localdate(),
            )
        )
        page.save_revision().publish()
        created += 1
    return created


def _free_slug(home, slug: str) -> str:
    taken = set(home.get_children().values_list("slug", flat=True))
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


def _pages() -> dict[str, tuple[str, str, str, str]]:
    email = contact_email()
    mailto = f'<a href="mailto:{email}">{email}</a>'
    return {
        Purpose.ABOUT: (
            "About the network",
            "about",
            "Who runs the Social Value Network, and why.",
            ABOUT.format(mailto=mailto),
        ),
        Purpose.CONTACT: (
            "Contact us",
            "contact",
            "How to reach the people who run the site.",
            CONTACT.format(mailto=mailto),
        ),
        Purpose.PRIVACY: (
            "Privacy notice",
            "privacy",
            "What we collect about you, why, how long we keep it and your rights.",
            PRIVACY.format(
                mailto=mailto,
                message_days=settings.MEMBERS_MESSAGE_RETENTION_DAYS,
                session_weeks=timedelta(seconds=settings.SESSION_COOKIE_AGE).days // 7,
                confirm_days=account_settings.EMAIL_CONFIRMATION_EXPIRE_DAYS,
                search_days=settings.SEARCH_INSIGHTS_RETENTION_DAYS,
            ),
        ),
        Purpose.ACCESSIBILITY: (
            "Accessibility statement",
            "accessibility",
            "How accessible this website is, what we know is not, and how to tell us.",
            ACCESSIBILITY.format(mailto=mailto),
        ),
        Purpose.OPEN_DATA: (
            "Open data",
            "data",
            "Every public case study, seminar, lesson and organisation, to download and reuse.",
            OPEN_DATA.format(mailto=mailto),
        ),
    }


ABOUT = """
<p>The Social Value Network is where people who commission and deliver public services
share practice in social value commissioning: how councils, the NHS, charities and
businesses buy for value beyond price under the Public Services (Social Value) Act 2012
and the Procurement Act 2023.</p>
<h2>What you will find</h2>
<ul>
<li>Case studies of commissioning for social value, written by the people who did it.</li>
<li>Write-ups of practitioner-led seminars, each broken into lessons.</li>
<li>A directory of members who are happy to share what they learnt.</li>
</ul>
<h2>Who runs it</h2>
<p>The site is run by a coalition of practitioners and is open source. Case studies that
members contribute are checked by an editor before they are published, and are shared
under the Creative Commons Attribution 4.0 licence.</p>
<p>To get in touch, email {mailto}.</p>
"""

CONTACT = """
<p>Email {mailto}. We aim to reply within five working days.</p>
<h2>Before you write</h2>
<ul>
<li>To reach a member, send them a message from their profile page: we do not pass on
members' email addresses.</li>
<li>To correct a case study, tell us its title and what is wrong.</li>
<li>To ask about your personal data, or to use your rights, see our
<a href="/privacy/">privacy notice</a>.</li>
<li>To report a problem with the accessibility of the site, see our
<a href="/accessibility/">accessibility statement</a>.</li>
</ul>
"""

PRIVACY = """
<p>This notice explains what the Social Value Network collects about you, why, how long
we keep it and what your rights are under the UK General Data Protection Regulation
(UK GDPR) and the Data Protection Act 2018. The Social Value Network is the controller of
this information. To ask anything about it, email {mailto}.</p>

<h2>What we collect and why</h2>
<h3>Your account</h3>
<p>Your email address and a password (stored only as a one-way hash), so that you can sign
in, and the dates you joined and last signed in. If you turn on two-step sign-in we keep
the secret of your authenticator app and your unused recovery codes. We use your address
only to send you emails about your account and the messages, decisions and alerts you ask
for. Lawful basis: our contract with you to provide the account.</p>
<h3>Your profile</h3>
<p>What you choose to tell other practitioners: your name, role, organisation, sector,
region, expertise, a photo and a short biography, and who may see it (everyone, signed-in
members only, or nobody but you). Your email address is never shown on a profile, in the
directory, in search results or to other members. Lawful basis: your consent, which you
can withdraw by hiding or deleting your profile.</p>
<h3>Messages between members</h3>
<p>When you message a member we keep the message, who sent it, who received it and when,
so that we can deal with abuse. Your email address is shared only if you tick the box to
share it. Lawful basis: our legitimate interest in keeping the network safe.</p>
<h3>Contributions</h3>
<p>Case studies you write, their drafts and editors' comments on them. A published case
study credits you by your profile name. Lawful basis: our contract with you.</p>
<h3>Email alerts and newsletters</h3>
<p>Your email address, the topics you chose and how often you want them, and a record of
your consent (when you gave it, on which form, and the words you agreed to). We also note
when an email to you bounces. Lawful basis: your consent.</p>
<h3>Searches</h3>
<p>We record what people search for (the words, the filters, how many results there were
and which results were opened) to improve the site. These records hold no personal data:
no account, email address or internet address is stored with them.</p>
<h3>Keeping the site safe</h3>
<p>To stop abuse we count attempts to sign in, join, reset a password and send messages
from each internet address; the counts are forgotten after at most a day.</p>

<h2>How long we keep it</h2>
<ul>
<li>Your account, profile and alerts: until you delete your account, which you can do
yourself at any time from "Your data". Deleting it removes your profile, photo, alerts and
email addresses.</li>
<li>Messages between members: {message_days} days, then they are deleted automatically.</li>
<li>Links to confirm an email address: {confirm_days} days.</li>
<li>Published case studies stay after you leave, credited to "a former member"; drafts are
deleted with your account.</li>
<li>Consent records for alerts: kept after you unsubscribe, as proof of what you agreed to
and when, for as long as we send alerts.</li>
<li>Search records: {search_days} days, then they are deleted automatically.</li>
</ul>

<h2>Who we share it with</h2>
<p>We do not sell your data or use it for advertising. Our hosting and email providers
process it for us under contract, in the UK or under UK adequacy arrangements. We share it
with others only when the law requires us to.</p>

<h2>Cookies</h2>
<p>We use only the cookies the site needs to work, so we do not ask for your consent to
them:</p>
<ul>
<li><strong>sessionid</strong> keeps you signed in; it lasts {session_weeks} weeks or until you
sign out.</li>
<li><strong>csrftoken</strong> protects the forms you fill in from being sent by another
website; it lasts a year.</li>
<li><strong>messages</strong> carries a confirmation such as "Profile saved" to the next page you
see; it is deleted once shown.</li>
</ul>
<p>We use no analytics, advertising or social media cookies.</p>

<h2>Your rights</h2>
<p>You have the right to:</p>
<ul>
<li>get a copy of your data: download it yourself from "Your data" when signed in, or ask
us;</li>
<li>have wrong data corrected: most of it you can edit on your profile;</li>
<li>have your data deleted: delete your account from "Your data";</li>
<li>object to, or ask us to restrict, how we use your data;</li>
<li>withdraw your consent at any time: hide your profile, or unsubscribe with the link in
every alert;</li>
<li>take your data to another service (data portability).</li>
</ul>
<p>Email {mailto} to use any of these rights. We will reply within one month.</p>

<h2>Complaints</h2>
<p>If you are unhappy with how we have used your data, tell us first at {mailto}. You can
also complain to the Information Commissioner's Office (ICO), Wycliffe House, Water Lane,
Wilmslow, Cheshire SK9 5AF, helpline 0303 123 1113,
<a href="https://ico.org.uk/make-a-complaint/">ico.org.uk/make-a-complaint</a>.</p>
"""

ACCESSIBILITY = """
<p>This accessibility statement applies to the Social Value Network website. We want as
many people as possible to be able to use it. For example, that means you should be able
to:</p>
<ul>
<li>change colours, contrast levels and fonts using your browser or device settings;</li>
<li>zoom in up to 400% without the text spilling off the screen;</li>
<li>navigate most of the website using just a keyboard or speech recognition software;</li>
<li>listen to most of the website using a screen reader;</li>
<li>use the search and its filters without JavaScript.</li>
</ul>
<p>We have also made the text as simple as we can to understand.
<a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making your device
easier to use if you have a disability.</p>

<h2>How accessible this website is</h2>
<p>We know some parts of this website are not fully accessible:</p>
<ul>
<li>documents attached to some case studies (PDF and Word files), often written by other
organisations, may not be accessible to screen reader software;</li>
<li>of the editing screens that editors use, only the case study and seminar forms have
been checked so far.</li>
</ul>

<h2>Feedback and contact information</h2>
<p>If you need information on this website in a different format, such as accessible PDF,
large print, easy read, audio recording or braille, email {mailto}. We will consider your
request and get back to you within five working days.</p>

<h2>Reporting accessibility problems with this website</h2>
<p>We are always looking to improve the accessibility of this website. If you find any
problems not listed on this page or think we are not meeting accessibility requirements,
email {mailto}. Tell us the web address of the page and what went wrong.</p>

<h2>Enforcement procedure</h2>
<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public
Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018
(the accessibility regulations). If you are not happy with how we respond to your
complaint, contact the
<a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support Service
(EASS)</a>.</p>
<p>If you are in Northern Ireland and are not happy with how we respond to your complaint,
you can contact the <a href="https://www.equalityni.org/Home">Equality Commission for
Northern Ireland</a>, who are responsible for enforcing the accessibility regulations in
Northern Ireland.</p>

<h2>Technical information about this website's accessibility</h2>
<p>We are committed to making this website accessible, in line with the accessibility
regulations.</p>
<h3>Compliance status</h3>
<p>This website is partially compliant with the
<a href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines version 2.2</a>
AA standard, due to the non-compliances listed below.</p>

<h2>Non-accessible content</h2>
<p>The content listed below is non-accessible for the following reasons.</p>
<h3>Non-compliance with the accessibility regulations</h3>
<p>We know of no failure of WCAG 2.2 AA on the pages visitors and members use, or on the
case study and seminar editing forms (automated checks find none). The other editing
screens, which come with the Wagtail content management system, have not been checked
yet; until they are, we say this website is partially compliant.</p>
<h3>Content that is not within the scope of the accessibility regulations</h3>
<p>Some PDFs and Word documents attached to case studies were published by other
organisations before 23 September 2018 and are not essential to using the service.</p>

<h2>What we are doing to improve accessibility</h2>
<p>Changes to the website are tested with automated checks (axe) in a browser and with a
keyboard before they are released, and we fix problems reported to us first.</p>

<h2>Preparation of this accessibility statement</h2>
<p>This statement was prepared when the page was last updated (see below). The website was
tested by the team that builds it, using automated testing with axe in a browser and
manual testing with a keyboard.</p>
"""

OPEN_DATA = """
<p>Everything the site shows to everyone is yours to reuse: the case studies, the seminars
and their lessons, and the organisations they name. Take them into your own analysis,
compare them with your own commissioning, or build something new with them.</p>
<h2>The licence</h2>
<p>The data is shared under the Creative Commons Attribution 4.0 licence (CC BY 4.0).
Credit the Social Value Network, and each case study as its <code>attribution</code> field
says, with a link to the page in its <code>url</code> field.</p>
<h2>What is not here</h2>
<p>Nothing that only members can see, and nothing about members: no profiles, messages,
questions or email addresses. A contribution is credited as the site credits it to
everyone.</p>
<h2>How the files are made</h2>
<p>The files are made again every night from what the site shows, in JSON Lines (one
record a line) and CSV. They use the same format as the site's import. To check a
download, compare its SHA-256 checksum with the one below.</p>
<p>Questions about the data: email {mailto}.</p>
"""
