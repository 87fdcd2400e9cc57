from . import models, wizard
from .hooks import uninstall_hook
