using System;
using System.Collections.Generic;
using System.Linq;

namespace CancelJobs.Shell;

internal enum ShellMode
{
    Demo,
    Command,
    File,
    Help,
}

/// <summary>canceljobs' arguments, spelled as pwsh spells them (-Command/-c, -File/-f; one or two dashes, any case).</summary>
internal sealed class CommandLine
{
    public ShellMode Mode { get; private set; } = ShellMode.Demo;
    public string Script { get; private set; } = "";
    public string FilePath { get; private set; } = "";
    public IReadOnlyList<string> FileArguments { get; private set; } = [];
    public bool Emulator { get; private set; }
    public bool NonInteractive { get; private set; }

    public const string Usage = """
        canceljobs - the CancelJobs PowerShell module on a hosted PowerShell 7.6 engine (no pwsh needed).

        Usage:
          canceljobs                                  Run the demo: an in-process AWS emulator with demo jobs, and a
                                                      narrated session cancelling jobs of all four kinds.
          canceljobs [-Emulator] -Command <script>    Run a script (the rest of the line is the script).
          canceljobs [-Emulator] -File <path.ps1> [arguments]
                                                      Run a script file with arguments (-Name value binds by name).
          canceljobs --help                           Show this help.

        Options:
          -Command, -c      Script text to run.
          -File, -f         Script file to run.
          -Emulator         Start the local emulator in-process with the demo data set and point the module at it:
                            $aws (EndpointUrl, Region, AccessKey, SecretKey) for splatting, $PSDefaultParameterValues
                            for every CancelJobs cmdlet, and $emulator (its state: jobs and request log).
                            Without it, cmdlets use your real AWS configuration (profile, region, environment).
          -NonInteractive   Never prompt: a confirmation prompt becomes an error instead.

        The CancelJobs module is imported. Output is formatted with the module's table views.
        Exit code, as pwsh: N for 'exit N'; 1 after a terminating error; with -Command also 1 when the last
        statement failed ($? false, e.g. a cmdlet reported an error for an item); otherwise 0. 64 for bad arguments.
        """;

    /// <exception cref="ArgumentException">The arguments are not understood.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var line = new CommandLine();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (Name(arg))
            {
                case "help" or "h" or "?":
                    line.Mode = ShellMode.Help;
                    return line;
                case "emulator":
                    line.Emulator = true;
                    break;
                case "noninteractive":
                    line.NonInteractive = true;
                    break;
                case "demo":
                    line.Mode = ShellMode.Demo;
                    break;
                case "command" or "c":
                    if (i + 1 >= args.Count) throw new ArgumentException("-Command needs a script.");
                    line.Mode = ShellMode.Command;
                    line.Script = string.Join(' ', args.Skip(i + 1));
                    return line;
                case "file" or "f":
                    if (i + 1 >= args.Count) throw new ArgumentException("-File needs a path.");
                    line.Mode = ShellMode.File;
                    line.FilePath = args[i + 1];
                    line.FileArguments = args.Skip(i + 2).ToArray();
                    return line;
                default:
                    throw new ArgumentException($"Unknown argument '{arg}'.");
            }
        }
        return line;
    }

    private static string? Name(string arg)
    {
        if (arg.StartsWith("--", StringComparison.Ordinal)) return arg[2..].ToLowerInvariant();
        if (arg.StartsWith('-') || arg.StartsWith('/')) return arg[1..].ToLowerInvariant();
        return null;
    }
}
