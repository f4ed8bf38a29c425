"""The Streamlit-aware part of smmkpi: the only package of ``smmkpi`` that imports Streamlit.

Pages and the entry script call ``ui.<name>``; every public name of the modules below is re-exported here.
``core`` holds the shared pieces (settings, language, database and workspace, page context, cached loaders,
filter bar, KPI cards, charts); each feature module imports from it and adds its page's helpers:
``importing`` (Import), ``analysis`` (Funnel, Money, Content, Communication), ``trust``, ``brief``,
``connections`` and ``bench`` (``python -m smmkpi bench-pages``). Feature modules do not import each other,
except ``importing`` → ``trust`` (an import rechecks the trust findings) and ``brief`` → ``importing`` (the
plan's validation problems are shown as on the Import page).
"""

from smmkpi.ui.analysis import *  # noqa: F403
from smmkpi.ui.analysis import _analysis_report as _analysis_report  # a test calls it directly
from smmkpi.ui.bench import *  # noqa: F403
from smmkpi.ui.brief import *  # noqa: F403
from smmkpi.ui.connections import *  # noqa: F403
from smmkpi.ui.core import *  # noqa: F403
from smmkpi.ui.importing import *  # noqa: F403
from smmkpi.ui.trust import *  # noqa: F403
