"""The default national framework: the nine Healthcare Leadership Model dimensions and the four
management basics of the Rose review's R3, with expected behaviours at each management level.

Loaded by migration 0006 and by `ensure_default_framework()`. The codes are a shared contract: the
training app links courses to competencies by these codes.
"""

FRAMEWORK_NAME = "NHS core management competency framework"

# (code, name, group, description, behaviour: what a manager does, finished by the level's scope)
COMPETENCIES = [
    ("hlm-inspiring-shared-purpose", "Inspiring shared purpose", "hlm",
     "Valuing a service ethos, curious about how to improve services and patient care, and behaving "
     "in a way that reflects the principles and values of the NHS.",
     "Acts on the NHS values, speaks up for patients and staff, and takes personal risks to improve care"),
    ("hlm-leading-with-care", "Leading with care", "hlm",
     "Having the essential personal qualities for leaders in health and care; understanding the "
     "unique qualities and needs of a team; providing a caring, safe environment.",
     "Notices how people are feeling, looks after their wellbeing and their own, and builds a safe place "
     "to raise concerns"),
    ("hlm-evaluating-information", "Evaluating information", "hlm",
     "Seeking out varied information; using information to generate new ideas and make effective "
     "plans for improvement or change.",
     "Gathers evidence from many sources, tests assumptions and uses what it shows to plan improvement"),
    ("hlm-connecting-our-service", "Connecting our service", "hlm",
     "Understanding how health and care services fit together and how different people, teams or "
     "organisations interconnect and interact.",
     "Works across boundaries, understands how other teams and organisations work, and joins up care"),
    ("hlm-sharing-the-vision", "Sharing the vision", "hlm",
     "Communicating a compelling and credible vision of the future in a way that makes it feel "
     "achievable and exciting.",
     "Explains where the service is going and why, in terms people can act on"),
    ("hlm-engaging-the-team", "Engaging the team", "hlm",
     "Involving individuals and demonstrating that their contributions and ideas are valued and "
     "important for delivering outcomes and continuous improvements to services.",
     "Involves people in decisions, values their ideas and shares credit"),
    ("hlm-holding-to-account", "Holding to account", "hlm",
     "Agreeing clear performance goals and quality indicators; supporting individuals and teams to "
     "take responsibility for results; providing balanced feedback.",
     "Agrees clear goals, gives balanced feedback and deals with poor performance promptly"),
    ("hlm-developing-capability", "Developing capability", "hlm",
     "Building capability to enable people to meet future challenges; using a range of experiences "
     "as a vehicle for individual and organisational learning.",
     "Makes time for people's development, coaches, and plans for succession"),
    ("hlm-influencing-for-results", "Influencing for results", "hlm",
     "Deciding how to have a positive impact on other people; building relationships to recognise "
     "other people's passions and concerns.",
     "Builds relationships and adapts their approach to win support for change"),
    ("basics-appraisal", "Appraisal", "basics",
     "Carrying out fair, useful appraisals that set objectives and agree development.",
     "Holds timely appraisals with clear objectives, evidence and a development plan"),
    ("basics-motivation", "Motivation", "basics",
     "Understanding what motivates people and creating conditions in which they do their best work.",
     "Recognises good work, removes obstacles and keeps people motivated through change"),
    ("basics-negotiation", "Negotiation", "basics",
     "Reaching agreements that hold, with staff, partners and suppliers.",
     "Prepares for negotiations, finds common ground and reaches agreements that hold"),
    ("basics-leadership", "Leadership", "basics",
     "The core of managing people: setting direction, making decisions and taking responsibility.",
     "Sets direction, makes timely decisions and takes responsibility for the outcome"),
]

# The shared contract's codes and names, in framework order (training's labels, appraisal's fallback).
NATIONAL_COMPETENCY_NAMES = [(code, name) for code, name, *_ in COMPETENCIES]

# (management level, expected point on the scale, where the behaviour is shown)
LEVELS = [
    ("first_line", 1, "within their own team"),
    ("middle", 2, "across the teams and service they manage"),
    ("senior", 3, "across their directorate and with partner organisations"),
    ("executive", 4, "across the whole organisation and the local health system"),
    ("board", 4, "as a board member, setting the tone for the organisation and holding it to account"),
]


def load(framework_model, competency_model, behaviour_model, now):
    """Create version 1, published, unless a framework already exists. Returns the framework."""
    existing = framework_model.objects.filter(version=1).first()
    if existing is not None:
        return existing
    framework = framework_model.objects.create(
        name=FRAMEWORK_NAME, version=1, status="published", published_at=now)
    for position, (code, name, group, description, behaviour) in enumerate(COMPETENCIES, start=1):
        competency = competency_model.objects.create(
            framework=framework, code=code, name=name, group=group, description=description,
            position=position)
        behaviour_model.objects.bulk_create([
            behaviour_model(competency=competency, management_level=level, expected_level=expected,
                            description=f"{behaviour}, {scope}.")
            for level, expected, scope in LEVELS
        ])
    return framework
