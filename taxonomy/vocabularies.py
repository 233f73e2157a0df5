"""The controlled vocabularies. Their slugs are a contract: the import format, the URLs
and the JSON API all use them. The data migration creates the terms from this table;
editors may change names and descriptions later, never the slugs."""

VOCABULARIES: dict[str, list[tuple[str, str, str]]] = {
    "sector": [
        ("public", "Public", "Councils, the NHS, central government and other public bodies."),
        ("private", "Private", "Businesses and investors."),
        ("social", "Social", "The voluntary, community and social enterprise sector."),
    ],
    "theme": [
        (
            "relationships",
            "Relationships",
            "Engaging communities and building co-productive relationships.",
        ),
        ("leadership", "Leadership", "Leading across sectors, and leading from behind."),
        (
            "governance",
            "Governance",
            "Budgets, decision-making and moving from services to investment.",
        ),
    ],
    "outcome_area": [
        ("jobs", "Jobs", "Local skills and employment."),
        ("growth", "Growth", "Supporting local businesses and the local economy."),
        ("social", "Social", "Healthier, safer and more resilient communities."),
        ("environment", "Environment", "Decarbonising and protecting the environment."),
        ("innovation", "Innovation", "New ways of working and delivering."),
    ],
    "stage": [
        ("needs-and-assets", "Needs and assets", "Understanding the needs and assets of a place."),
        ("outcome-definition", "Outcome definition", "Agreeing the outcomes that matter."),
        ("market-engagement", "Market engagement", "Talking with providers before buying."),
        ("procurement", "Procurement", "Designing and running the procurement."),
        ("delivery", "Delivery", "Delivering and managing the contract."),
        ("measurement", "Measurement", "Measuring and learning from what changed."),
    ],
    "region": [
        ("north-east", "North East", ""),
        ("north-west", "North West", ""),
        ("yorkshire-and-the-humber", "Yorkshire and the Humber", ""),
        ("east-midlands", "East Midlands", ""),
        ("west-midlands", "West Midlands", ""),
        ("east-of-england", "East of England", ""),
        ("london", "London", ""),
        ("south-east", "South East", ""),
        ("south-west", "South West", ""),
        ("wales", "Wales", ""),
        ("scotland", "Scotland", ""),
        ("northern-ireland", "Northern Ireland", ""),
        ("uk-wide", "UK-wide", "Work that spans the whole of the UK."),
    ],
    "organisation_type": [
        ("council", "Council", ""),
        ("combined-authority", "Combined authority", ""),
        ("nhs", "NHS", ""),
        ("central-government", "Central government", ""),
        ("police-fire", "Police and fire", ""),
        ("housing-association", "Housing association", ""),
        ("school-university", "School or university", ""),
        ("charity", "Charity", ""),
        ("social-enterprise", "Social enterprise", ""),
        ("co-operative", "Co-operative", ""),
        ("business", "Business", ""),
        ("investor", "Investor", ""),
    ],
    "role": [
        ("commissioner", "Commissioner", ""),
        ("procurement", "Procurement officer", ""),
        ("councillor", "Councillor", ""),
        ("service-leader", "Service leader", ""),
        ("provider", "Provider", ""),
        ("researcher", "Researcher", ""),
        ("other", "Other", ""),
    ],
}

# The sector an organisation of each type belongs to, used when a new organisation
# arrives by import with only its name and type.
SECTOR_OF_ORGANISATION_TYPE: dict[str, str] = {
    "council": "public",
    "combined-authority": "public",
    "nhs": "public",
    "central-government": "public",
    "police-fire": "public",
    "school-university": "public",
    "housing-association": "social",
    "charity": "social",
    "social-enterprise": "social",
    "co-operative": "social",
    "business": "private",
    "investor": "private",
}
