using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace CancelJobs.Bench;

/// <summary>
/// A PSHost that throws everything away cheaply: -WhatIf lines, progress, verbose, warnings. It never prompts
/// (the bench always passes -Force or -WhatIf), so any prompt is a bench bug and fails loudly.
/// </summary>
internal sealed class BenchHost : PSHost
{
    private readonly Guid id = Guid.NewGuid();
    private readonly DiscardingUI ui = new();

    /// <summary>Lines the host was asked to write (counted, not stored).</summary>
    public long LinesWritten => ui.Lines;

    public override PSHostUserInterface UI => ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override Guid InstanceId => id;
    public override string Name => "CancelJobsBenchHost";
    public override Version Version => new(1, 0);
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }

    private sealed class DiscardingUI : PSHostUserInterface
    {
        private readonly RawUI raw = new();
        public long Lines;

        public override PSHostRawUserInterface RawUI => raw;
        public override void Write(string value) { }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
        public override void WriteLine(string value) => Lines++;
        public override void WriteErrorLine(string value) => Lines++;
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
            throw new InvalidOperationException("The bench host was prompted: " + caption + ": " + message);
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new InvalidOperationException("The bench host was prompted: " + caption);
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new InvalidOperationException("Unexpected credential prompt.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new InvalidOperationException("Unexpected credential prompt.");
        public override string ReadLine() => throw new InvalidOperationException("Unexpected ReadLine.");
        public override SecureString ReadLineAsSecureString() => throw new InvalidOperationException("Unexpected ReadLine.");
    }

    private sealed class RawUI : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; }
        public override Size BufferSize { get; set; } = new(160, 1000);
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override ConsoleColor ForegroundColor { get; set; }
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new(160, 1000);
        public override Size MaxWindowSize => new(160, 1000);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; } = new(160, 50);
        public override string WindowTitle { get; set; } = "";
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new InvalidOperationException("Unexpected ReadKey.");
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
