"""The leadership app's models, one module per area; import them from here."""

from leadership.models.core import (  # noqa: F401
    EMPLOYER_KINDS,
    FOOTPRINT_KINDS,
    ApiClient,
    ApiScope,
    Band,
    CommissionerRole,
    ImportJob,
    ManagementLevel,
    Organisation,
    OrganisationKind,
    PeopleImport,
    Person,
    Role,
    RoleAssignment,
    SectorBackground,
    SecurityEvent,
    StaffGroup,
    TimeStamped,
    User,
    UserManager,
)
from leadership.models.development import (  # noqa: F401
    CHECK_IN_DAYS,
    CYCLE_DAYS,
    FRAMEWORK_LEVELS,
    REVIEW_LAPSE_DAYS,
    REVIEW_OVERDUE_DAYS,
    Action,
    ActionCycle,
    Assessment,
    CareerPathway,
    CheckIn,
    Competency,
    CompetencyFramework,
    DevelopmentNeed,
    DevelopmentPlan,
    ExpectedBehaviour,
    FeedbackGroupRating,
    PathwayStep,
    RaterInvitation,
    RaterRelationship,
    RaterResponse,
    Rating,
    Scale,
)
from leadership.models.invitations import INVITATION_VALID_FOR, Invitation  # noqa: F401
from leadership.models.mergers import OrganisationMerger  # noqa: F401, E402
from leadership.models.notifications import Notification, NotificationPreference  # noqa: F401
from leadership.models.sharing import PERSONAL_SCOPES, DataSharingAgreement  # noqa: F401
