from pathlib import Path
import pytest
@pytest.fixture
def rootmod(request):
    return request.config.pluginmanager.get_plugin(str(Path(__file__).resolve().parents[1] / "conftest.py"))
