using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace CancelJobs.Tests.Hosting
{
    /// <summary>A PSHost that records what a person would see and answers prompts from a script of answers.</summary>
    public sealed class TestHost : PSHost
    {
        private readonly Guid id = Guid.NewGuid();

        public TestHost() => TestUI = new TestHostUI();

        public TestHostUI TestUI { get; }
        public override PSHostUserInterface UI => TestUI;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override Guid InstanceId => id;
        public override string Name => "CancelJobsTestHost";
        public override Version Version => new Version(1, 0);

        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }

    public sealed class TestHostUI : PSHostUserInterface
    {
        private readonly StringBuilder text = new StringBuilder();
        private readonly TestRawUI raw = new TestRawUI();

        /// <summary>Answers for PromptForChoice (ShouldProcess and ShouldContinue prompts), by choice label: "Yes", "No", "Yes to All"…</summary>
        public Queue<string> Answers { get; } = new Queue<string>();

        public List<string> Prompts { get; } = new List<string>();
        public ConcurrentQueue<ProgressRecord> Progress { get; } = new ConcurrentQueue<ProgressRecord>();
        public List<string> Verbose { get; } = new List<string>();
        public List<string> Warnings { get; } = new List<string>();

        public string Text { get { lock (text) { return text.ToString(); } } }

        public override PSHostRawUserInterface RawUI => raw;

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Prompts.Add(caption + ": " + message);
            if (Answers.Count == 0)
            {
                throw new InvalidOperationException("The test host was prompted but has no answer queued: " + caption + ": " + message);
            }
            var answer = Answers.Dequeue();
            for (var i = 0; i < choices.Count; i++)
            {
                if (string.Equals(choices[i].Label.Replace("&", ""), answer, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
            throw new InvalidOperationException($"No choice '{answer}' in prompt '{caption}'.");
        }

        /// <summary>Answers for Prompt (one per field asked for), e.g. an MFA code.</summary>
        public Queue<string> InputAnswers { get; } = new Queue<string>();

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            Prompts.Add(caption + ": " + message);
            if (InputAnswers.Count == 0)
            {
                // What a non-interactive host does.
                throw new InvalidOperationException("Unexpected prompt for input: " + caption);
            }
            var answers = new Dictionary<string, PSObject>();
            foreach (var field in descriptions)
            {
                answers[field.Name] = PSObject.AsPSObject(InputAnswers.Dequeue());
            }
            return answers;
        }

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new InvalidOperationException("Unexpected credential prompt.");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new InvalidOperationException("Unexpected credential prompt.");

        public override string ReadLine() => throw new InvalidOperationException("Unexpected ReadLine.");
        public override SecureString ReadLineAsSecureString() => throw new InvalidOperationException("Unexpected ReadLine.");

        public override void Write(string value) { lock (text) { text.Append(value); } }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
        public override void WriteLine(string value) => Write(value + "\n");
        public override void WriteErrorLine(string value) => Write("ERROR: " + value + "\n");
        public override void WriteDebugLine(string message) => Write("DEBUG: " + message + "\n");
        public override void WriteProgress(long sourceId, ProgressRecord record) => Progress.Enqueue(record);

        public override void WriteVerboseLine(string message)
        {
            lock (Verbose) { Verbose.Add(message); }
            Write("VERBOSE: " + message + "\n");
        }

        public override void WriteWarningLine(string message)
        {
            lock (Warnings) { Warnings.Add(message); }
            Write("WARNING: " + message + "\n");
        }
    }

    internal sealed class TestRawUI : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; }
        public override Size BufferSize { get; set; } = new Size(160, 1000);
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override ConsoleColor ForegroundColor { get; set; }
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new Size(160, 1000);
        public override Size MaxWindowSize => new Size(160, 1000);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; } = new Size(160, 50);
        public override string WindowTitle { get; set; } = "";

        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new InvalidOperationException("Unexpected ReadKey.");
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
