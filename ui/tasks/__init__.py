"""Background work: the task runner and its progress display."""

from ui.tasks.runner import TaskHandle, TaskRunner, TaskState

__all__ = ["TaskHandle", "TaskRunner", "TaskState"]
