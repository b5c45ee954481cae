"""The first handbook's text: the six NHS Constitution values and what each asks of a manager at each
management level. National admins revise it in later versions."""

INTRODUCTION = (
    "The NHS Constitution sets out six values that all NHS staff share. This handbook says what each "
    "means for you as a manager at your level. Read it, discuss it with your team, and confirm that "
    "you will lead by it."
)

# (name, summary, {management level: what it means there})
DEFAULT_VALUES = [
    ("Working together for patients",
     "Patients come first in everything we do, working across organisational boundaries.",
     {"first_line": "Put patients first in how your team plans each shift and listens to feedback.",
      "middle": "Join up services across teams so patients do not fall between them.",
      "senior": "Build partnerships across organisations around patients' journeys.",
      "executive": "Set direction with system partners so patients' needs shape every decision.",
      "board": "Hold the organisation to account for working with partners in patients' interests."}),
    ("Respect and dignity",
     "We value every person, whether patient, family or colleague, as an individual.",
     {"first_line": "Treat each member of your team fairly and listen to their views.",
      "middle": "Make your service a place where people can speak up without fear.",
      "senior": "Tackle behaviour that undermines respect, whoever shows it.",
      "executive": "Lead a culture where respect and dignity are expected and measured.",
      "board": "Ask for evidence of how staff and patients are treated, and act on it."}),
    ("Commitment to quality of care",
     "We earn the trust placed in us by insisting on quality and getting the basics right every time.",
     {"first_line": "Know your team's quality measures and act on what they show.",
      "middle": "Use data and feedback to improve care across your services.",
      "senior": "Make quality improvement part of every plan you own.",
      "executive": "Give quality the same weight as finance and performance.",
      "board": "Assure yourself that care is safe, effective and improving."}),
    ("Compassion",
     "We ensure that compassion is central to the care we provide and respond with humanity and kindness.",
     {"first_line": "Notice when colleagues or patients are struggling and respond with kindness.",
      "middle": "Support your managers to lead with compassion under pressure.",
      "senior": "Design services and workloads that leave room for compassion.",
      "executive": "Model compassionate leadership in how decisions are made and explained.",
      "board": "Ensure the organisation cares for its staff as it asks them to care for patients."}),
    ("Improving lives",
     "We strive to improve health and well-being and people's experiences of the NHS.",
     {"first_line": "Encourage your team to suggest and try improvements.",
      "middle": "Spread what works between teams and remove obstacles to improvement.",
      "senior": "Invest in improvement capability and learning.",
      "executive": "Lead the organisation's contribution to population health.",
      "board": "Keep improvement and innovation on the board's agenda."}),
    ("Everyone counts",
     "We maximise our resources for the benefit of the whole community, and make sure nobody is excluded, "
     "discriminated against or left behind.",
     {"first_line": "Give everyone in your team the same chances to develop and progress.",
      "middle": "Look for who your services miss and act to reach them.",
      "senior": "Use equality data to find and close gaps in access and outcomes.",
      "executive": "Lead positive action on equality, diversity and inclusion.",
      "board": "Hold the organisation to account for fair outcomes for staff and patients."}),
]
