"""The leadership app's models, one module per area; import them from here."""

from leadership.models.core import (  # noqa: F401
    EMPLOYER_KINDS,
    FOOTPRINT_KINDS,
    ApiClient,
    ApiScope,
    Band,
    CommissionerRole,
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
from leadership.models.notifications import Notification, NotificationPreference  # noqa: F401
