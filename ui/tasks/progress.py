"""A status-bar progress display for the runner's tasks, with a Cancel button."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ui.tasks.runner import TaskHandle, TaskRunner
from ui.text import plain_label


class TaskProgress(QWidget):
    """Shows the latest visible task of a runner: what it does, how far, and Cancel.

    Hidden while no visible task runs.
    """

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        """Follow the tasks of ``runner``.

        Args:
            runner: the task runner.
            parent: the parent widget.
        """
        super().__init__(parent)
        self.setObjectName("taskProgress")
        self._runner = runner
        self._handles: list[TaskHandle] = []
        self.label: QLabel = plain_label("", self)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelTask")
        self.cancel_button.clicked.connect(self.cancel_current)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        runner.taskStarted.connect(self._on_started)
        self.setVisible(False)

    @property
    def current(self) -> TaskHandle | None:
        """The task shown (the latest visible one still running)."""
        return self._handles[-1] if self._handles else None

    def cancel_current(self) -> None:
        """Cancel the task shown."""
        if self.current is not None:
            self.current.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))

    def _on_started(self, handle: TaskHandle) -> None:
        if not handle.visible:
            return
        self._handles.append(handle)
        handle.progress.connect(self._refresh)
        handle.ended.connect(lambda h=handle: self._on_ended(h))
        self._refresh()

    def _on_ended(self, handle: TaskHandle) -> None:
        if handle in self._handles:
            self._handles.remove(handle)
        self._refresh()

    def _refresh(self, *_args: object) -> None:
        handle = self.current
        if handle is None:
            self.setVisible(False)
            return
        done, total, text = handle.last_progress
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)  # busy indicator
        more = len(self._handles) - 1
        name = handle.name if not text else f"{handle.name}: {text}"
        if more > 0:
            name += " " + self.tr("(+%n more)", "", more)
        if not handle.cancel_requested():
            self.label.setText(name)
        self.cancel_button.setEnabled(not handle.cancel_requested())
        self.setVisible(True)
