"""Demo career pathways and a local competency: the two national pathways (kept by national admins,
editable like any other row) and the demo acute trust's own pathway, which names a competency the
trust added to the national framework. Only what is missing is written."""

from leadership.audit import audit_context
from leadership.demo.organisation_tree import DEMO_ACUTE_TRUST
from leadership.models import CareerPathway, Competency, CompetencyFramework, ExpectedBehaviour, Organisation

NATIONAL = [
    ("NHS general management", "From leading a team to the board, in general management.", [
        ("Team or service manager", "first_line"), ("Operational manager", "middle"),
        ("Head of service or general manager", "senior"), ("Director", "executive"),
        ("Chief executive", "board"),
    ]),
    ("Clinical leadership (nursing)", "From ward sister or charge nurse to director of nursing.", [
        ("Ward sister or charge nurse", "first_line"), ("Matron", "middle"),
        ("Head of nursing", "senior"), ("Director of nursing", "executive"),
    ]),
]
LOCAL_COMPETENCY = ("Leading patient flow", "Keeps patients moving safely through the hospital, working "
                    "with site teams, wards and community partners.")
LOCAL_PATHWAY = ("Allied health professional leadership", "The trust's own route from team lead to head of "
                 "therapies.", [("Therapy team lead", "first_line", []),
                                ("Therapy service manager", "middle", ["local"]),
                                ("Head of therapies", "senior", ["local", "hlm-leading-with-care"])])
LEVELS = {"first_line": 1, "middle": 2, "senior": 3, "executive": 3, "board": 4}


def ensure_local_competency(framework: CompetencyFramework, trust: Organisation) -> Competency | None:
    """The demo acute trust's local competency (development's demo rates the team on it)."""
    if trust.ods_code != DEMO_ACUTE_TRUST:
        return None
    with audit_context(actor=None, source="command"):
        return _local_competency(framework, trust)


def _local_competency(framework: CompetencyFramework, trust: Organisation) -> Competency:
    code = f"local-{trust.ods_code.lower()}-leading-patient-flow"
    competency, created = Competency.objects.get_or_create(
        framework=framework, code=code, defaults={
            "organisation": trust, "group": Competency.Group.LOCAL, "name": LOCAL_COMPETENCY[0],
            "description": LOCAL_COMPETENCY[1], "position": framework.competencies.count() + 1})
    if created:
        ExpectedBehaviour.objects.bulk_create([
            ExpectedBehaviour(competency=competency, management_level=level, expected_level=expected,
                              description=f"Leads patient flow as a {level.replace('_', '-')} manager would.")
            for level, expected in LEVELS.items()])
    return competency


def seed() -> dict:
    added = {"pathways": 0, "local_competencies": 0}
    with audit_context(actor=None, source="command"):
        for name, description, steps in NATIONAL:
            pathway, created = CareerPathway.objects.get_or_create(
                name=name, organisation=None, defaults={"description": description})
            added["pathways"] += created
            if created:
                for order, (title, level) in enumerate(steps, start=1):
                    pathway.steps.create(order=order, title=title, management_level=level)
        trust = Organisation.objects.filter(ods_code=DEMO_ACUTE_TRUST).first()
        framework = CompetencyFramework.objects.filter(status=CompetencyFramework.Status.PUBLISHED).first()
        if trust is None or framework is None:
            return added
        existed = framework.competencies.filter(organisation=trust).exists()
        local = _local_competency(framework, trust)
        added["local_competencies"] += not existed
        name, description, steps = LOCAL_PATHWAY
        pathway, created = CareerPathway.objects.get_or_create(
            name=name, organisation=trust, defaults={"description": description})
        added["pathways"] += created
        if created:
            for order, (title, level, codes) in enumerate(steps, start=1):
                pathway.steps.create(order=order, title=title, management_level=level,
                                     competency_codes=[local.code if c == "local" else c for c in codes])
    return added
