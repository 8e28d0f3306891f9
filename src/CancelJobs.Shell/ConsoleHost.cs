using System;
using System.Globalization;
using System.Management.Automation.Host;

namespace CancelJobs.Shell;

/// <summary>The PSHost behind canceljobs: a console UI, and the exit code a script asks for with <c>exit N</c>.</summary>
internal sealed class ConsoleHost : PSHost
{
    private readonly Guid id = Guid.NewGuid();
    private readonly ConsoleHostUserInterface ui;

    public ConsoleHost(bool nonInteractive) => ui = new ConsoleHostUserInterface(nonInteractive);

    /// <summary>Set when a script ran <c>exit</c>; null otherwise.</summary>
    public int? ExitCode { get; private set; }

    public ConsoleHostUserInterface ConsoleUI => ui;
    public override PSHostUserInterface UI => ui;
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
    public override Guid InstanceId => id;
    public override string Name => "CancelJobsShell";
    public override Version Version => typeof(ConsoleHost).Assembly.GetName().Version ?? new Version(0, 0);

    public override void EnterNestedPrompt() => throw new NotSupportedException("canceljobs has no nested prompt.");
    public override void ExitNestedPrompt() => throw new NotSupportedException("canceljobs has no nested prompt.");
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
}
