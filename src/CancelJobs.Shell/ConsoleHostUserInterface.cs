using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace CancelJobs.Shell;

/// <summary>
/// Writes to System.Console: output and host text to stdout, errors to stderr (as pwsh does), warnings, verbose
/// and debug in colour. Prompts read lines from stdin. Progress is one line redrawn in place, and skipped
/// entirely when stdout is redirected.
/// </summary>
internal sealed class ConsoleHostUserInterface : PSHostUserInterface
{
    private readonly ConsoleRawUserInterface raw = new();
    private readonly object gate = new();
    private readonly bool nonInteractive;
    private readonly bool colour = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
    private int progressWidth;

    public ConsoleHostUserInterface(bool nonInteractive) => this.nonInteractive = nonInteractive;

    public override PSHostRawUserInterface RawUI => raw;

    /// <summary>ANSI sequences (e.g. $PSStyle table headers) only when writing to a terminal.</summary>
    public override bool SupportsVirtualTerminal => colour;

    public override void Write(string value) => Emit(Console.Out, null, value);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Emit(Console.Out, foregroundColor, value);
    public override void WriteLine(string value) => Emit(Console.Out, null, value + Environment.NewLine);
    public override void WriteErrorLine(string value) => Emit(Console.Error, ConsoleColor.Red, value + Environment.NewLine);
    public override void WriteWarningLine(string message) => Emit(Console.Out, ConsoleColor.Yellow, "WARNING: " + message + Environment.NewLine);
    public override void WriteVerboseLine(string message) => Emit(Console.Out, ConsoleColor.Cyan, "VERBOSE: " + message + Environment.NewLine);
    public override void WriteDebugLine(string message) => Emit(Console.Out, ConsoleColor.Magenta, "DEBUG: " + message + Environment.NewLine);

    public override void WriteInformation(InformationRecord record)
    {
        // Write-Host reaches WriteLine/Write itself; other information records stay silent, as in pwsh.
    }

    /// <summary>One line redrawn in place: "Activity: status [CurrentOperation] 40%". Nothing when redirected.</summary>
    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        if (Console.IsOutputRedirected)
        {
            return;
        }
        lock (gate)
        {
            if (record.RecordType == ProgressRecordType.Completed)
            {
                ClearProgress();
                return;
            }
            var line = new StringBuilder(record.Activity).Append(": ").Append(record.StatusDescription);
            if (!string.IsNullOrEmpty(record.CurrentOperation)) line.Append(" (").Append(record.CurrentOperation).Append(')');
            if (record.PercentComplete >= 0) line.Append(' ').Append(record.PercentComplete.ToString(CultureInfo.InvariantCulture)).Append('%');
            if (record.SecondsRemaining >= 0) line.Append(", ").Append(record.SecondsRemaining.ToString(CultureInfo.InvariantCulture)).Append("s left");
            string text = line.ToString();
            int width = ConsoleRawUserInterface.Width - 1;
            if (text.Length > width) text = text[..width];
            ClearProgress();
            WithColour(ConsoleColor.DarkCyan, () => Console.Out.Write(text));
            Console.Out.Flush();
            progressWidth = text.Length;
        }
    }

    public override string ReadLine()
    {
        EnsureInteractive("read a line");
        lock (gate) ClearProgress();
        return Console.In.ReadLine() ?? throw new PromptingException("Cannot read input: the end of the input stream was reached.");
    }

    public override SecureString ReadLineAsSecureString()
    {
        EnsureInteractive("read a secret");
        lock (gate) ClearProgress();
        var secret = new SecureString();
        if (Console.IsInputRedirected)
        {
            string line = Console.In.ReadLine() ?? throw new PromptingException("Cannot read input: the end of the input stream was reached.");
            foreach (char c in line) secret.AppendChar(c);
        }
        else
        {
            for (ConsoleKeyInfo key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            {
                if (key.Key == ConsoleKey.Backspace)
                {
                    if (secret.Length > 0) secret.RemoveAt(secret.Length - 1);
                }
                else if (key.KeyChar != '\0')
                {
                    secret.AppendChar(key.KeyChar);
                }
            }
            Console.Out.WriteLine();
        }
        secret.MakeReadOnly();
        return secret;
    }

    /// <summary>
    /// The ShouldProcess / ShouldContinue prompt, as pwsh shows it:
    /// "[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"):".
    /// An empty answer takes the default; "?" lists the help messages; anything unknown asks again.
    /// </summary>
    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        EnsureInteractive("prompt: " + caption + " " + message);
        var hotkeys = choices.Select(HotkeyOf).ToList();
        if (!string.IsNullOrEmpty(caption)) WriteLine(ConsoleColor.White, caption);
        if (!string.IsNullOrEmpty(message)) WriteLine(message);
        var menu = new StringBuilder();
        for (int i = 0; i < choices.Count; i++)
        {
            menu.Append('[').Append(hotkeys[i]).Append("] ").Append(choices[i].Label.Replace("&", "", StringComparison.Ordinal)).Append("  ");
        }
        menu.Append("[?] Help");
        if (defaultChoice >= 0 && defaultChoice < choices.Count) menu.Append(" (default is \"").Append(hotkeys[defaultChoice]).Append("\")");
        menu.Append(": ");

        while (true)
        {
            Write(ConsoleColor.Yellow, raw.BackgroundColor, menu.ToString());
            string answer = ReadLine().Trim();
            if (answer.Length == 0 && defaultChoice >= 0 && defaultChoice < choices.Count)
            {
                return defaultChoice;
            }
            if (answer == "?")
            {
                for (int i = 0; i < choices.Count; i++)
                {
                    WriteLine($"{hotkeys[i]} - {(string.IsNullOrEmpty(choices[i].HelpMessage) ? choices[i].Label.Replace("&", "", StringComparison.Ordinal) : choices[i].HelpMessage)}");
                }
                continue;
            }
            for (int i = 0; i < choices.Count; i++)
            {
                if (string.Equals(answer, hotkeys[i], StringComparison.OrdinalIgnoreCase)
                    || string.Equals(answer, choices[i].Label.Replace("&", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }
    }

    /// <summary>Mandatory-parameter and Read-Host style prompts: one line per field, "[]" fields until an empty line.</summary>
    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        EnsureInteractive("prompt for " + string.Join(", ", descriptions.Select(d => d.Name)));
        if (!string.IsNullOrEmpty(caption)) WriteLine(caption);
        if (!string.IsNullOrEmpty(message)) WriteLine(message);
        var answers = new Dictionary<string, PSObject>(StringComparer.OrdinalIgnoreCase);
        foreach (FieldDescription field in descriptions)
        {
            string label = string.IsNullOrEmpty(field.Label) ? field.Name : field.Label.Replace("&", "", StringComparison.Ordinal);
            if (field.ParameterTypeFullName.EndsWith("[]", StringComparison.Ordinal))
            {
                var items = new List<string>();
                for (int i = 0; ; i++)
                {
                    Write($"{label}[{i}]: ");
                    string line = ReadLine();
                    if (line.Length == 0) break;
                    items.Add(line);
                }
                answers[field.Name] = new PSObject(items.ToArray());
            }
            else if (field.ParameterTypeFullName == typeof(SecureString).FullName)
            {
                Write(label + ": ");
                answers[field.Name] = new PSObject(ReadLineAsSecureString());
            }
            else
            {
                Write(label + ": ");
                answers[field.Name] = new PSObject(ReadLine());
            }
        }
        return answers;
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
    {
        EnsureInteractive("prompt for a credential");
        if (!string.IsNullOrEmpty(caption)) WriteLine(caption);
        if (!string.IsNullOrEmpty(message)) WriteLine(message);
        if (string.IsNullOrEmpty(userName))
        {
            Write("User: ");
            userName = ReadLine();
        }
        Write("Password for user " + userName + ": ");
        return new PSCredential(userName, ReadLineAsSecureString());
    }

    private void WriteLine(ConsoleColor colour, string value) => Emit(Console.Out, colour, value + Environment.NewLine);

    private void EnsureInteractive(string what)
    {
        if (nonInteractive)
        {
            throw new PSInvalidOperationException(
                $"canceljobs is running with -NonInteractive and cannot {what}. Pass -Force or -Confirm:$false to the command, or run interactively.");
        }
    }

    private void Emit(TextWriter writer, ConsoleColor? foreground, string value)
    {
        // Strips ANSI sequences ($PSStyle) unless writing to a terminal, and honours $PSStyle.OutputRendering.
        value = GetOutputString(value, SupportsVirtualTerminal);
        lock (gate)
        {
            ClearProgress();
            if (foreground is { } fg && colour && writer == Console.Out)
            {
                WithColour(fg, () => writer.Write(value));
            }
            else if (foreground is { } efg && !Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) && writer == Console.Error)
            {
                WithColour(efg, () => writer.Write(value));
            }
            else
            {
                writer.Write(value);
            }
        }
    }

    private void ClearProgress()
    {
        if (progressWidth > 0)
        {
            Console.Out.Write("\r" + new string(' ', progressWidth) + "\r");
            progressWidth = 0;
        }
    }

    private static void WithColour(ConsoleColor foreground, Action write)
    {
        Console.ForegroundColor = foreground;
        try
        {
            write();
        }
        finally
        {
            Console.ResetColor();
        }
    }

    /// <summary>The letter after '&amp;' in the label, or its first letter.</summary>
    private static string HotkeyOf(ChoiceDescription choice)
    {
        string label = choice.Label;
        int amp = label.IndexOf('&', StringComparison.Ordinal);
        char key = amp >= 0 && amp + 1 < label.Length ? label[amp + 1] : (label.Length > 0 ? label[0] : '?');
        return char.ToUpperInvariant(key).ToString();
    }
}
