using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Threading.Tasks;
using CancelJobs.Emulator;
using Microsoft.PowerShell;

namespace CancelJobs.Shell;

/// <summary>
/// canceljobs: pwsh 7.6 itself (Microsoft.PowerShell.SDK's console host) with the CancelJobs module imported and,
/// on request, the local emulator started in-process. Every argument but our own two goes to pwsh unchanged.
/// </summary>
internal static class Program
{
    private const string Usage = """
        canceljobs - PowerShell 7.6 with the CancelJobs module imported (no separate pwsh install needed).

        Usage:
          canceljobs                               The demo: an in-process AWS emulator with demo jobs, and a narrated
                                                   script cancelling jobs of all four kinds (demo.ps1 next to the exe).
          canceljobs -Emulator [pwsh arguments]    Start the emulator in-process with the demo jobs and point the
                                                   module at it: $aws (EndpointUrl, Region, AccessKey, SecretKey) for
                                                   splatting, $PSDefaultParameterValues for every CancelJobs cmdlet,
                                                   and $emulator (its jobs and request log).
          canceljobs [pwsh arguments]              Exactly pwsh: -Command, -File, -NoProfile, -NonInteractive, ...;
                                                   no -Command or -File gives the interactive prompt.
          canceljobs --help                        This help, then pwsh's.

        Without -Emulator the cmdlets use your real AWS configuration (profile, region, environment).
        Exit codes are pwsh's.

        """;

    public static async Task<int> Main(string[] args)
    {
        string home = AppContext.BaseDirectory;
        string modules = Path.Combine(home, "Modules");
        string manifest = Path.Combine(modules, "CancelJobs", "CancelJobs.psd1");
        if (!File.Exists(manifest))
        {
            Console.Error.WriteLine($"canceljobs: the CancelJobs module was not found at {manifest}. Build src/CancelJobs.Shell first.");
            return 1;
        }

        var pwshArguments = args.ToList();
        bool help = args.Length > 0 && IsSwitch(args[0], "help", "h", "?");
        // Ours only before the script starts: after -Command/-File every argument belongs to the script.
        int scriptStart = pwshArguments.FindIndex(a => IsSwitch(a, "command", "c", "file", "f", "encodedcommand", "e", "ec"));
        int emulatorAt = pwshArguments.FindIndex(a => IsSwitch(a, "emulator"));
        bool emulatorWanted = emulatorAt >= 0 && (scriptStart < 0 || emulatorAt < scriptStart);
        if (emulatorWanted) pwshArguments.RemoveAt(emulatorAt);
        if (help)
        {
            Console.Out.Write(Usage);
        }
        else if (pwshArguments.Count == 0 && !emulatorWanted)
        {
            emulatorWanted = true;
            pwshArguments.AddRange(["-NoProfile", "-NoLogo", "-NonInteractive", "-File", Path.Combine(home, "demo.ps1")]);
        }

        // Get-Module -ListAvailable and Import-Module CancelJobs find the module by name, as after Install-PSResource.
        string? modulePath = Environment.GetEnvironmentVariable("PSModulePath");
        Environment.SetEnvironmentVariable("PSModulePath", string.IsNullOrEmpty(modulePath) ? modules : modules + Path.PathSeparator + modulePath);

        InitialSessionState session = InitialSessionState.CreateDefault2();
        session.ImportPSModule(manifest);
        EmulatorHost? emulator = emulatorWanted && !help ? await EmulatorHost.StartAsync(new EmulatorOptions { Seed = "demo" }) : null;
        try
        {
            if (emulator != null) UseEmulator(session, emulator, home);
            return ConsoleShell.Start(session, bannerText: $"CancelJobs {ModuleVersion(manifest)} on PowerShell {PowerShellVersion()}", helpText: null, pwshArguments.ToArray());
        }
        finally
        {
            if (emulator != null) await emulator.DisposeAsync();
        }
    }

    /// <summary>$aws and $emulator for the session; UseEmulator.ps1 then sets $PSDefaultParameterValues from them.</summary>
    private static void UseEmulator(InitialSessionState session, EmulatorHost emulator, string home)
    {
        var aws = new OrderedDictionary
        {
            ["EndpointUrl"] = emulator.BaseUri.ToString().TrimEnd('/'),
            ["Region"] = "us-east-1",
            ["AccessKey"] = EmulatorOptions.ExampleAccessKey,
            ["SecretKey"] = EmulatorOptions.ExampleSecretKey,
        };
        session.Variables.Add(new SessionStateVariableEntry("aws", aws, "The emulator's connection, for splatting: @aws"));
        session.Variables.Add(new SessionStateVariableEntry("emulator", emulator.State, "The in-process emulator's state: its jobs and request log"));
        session.StartupScripts.Add(Path.Combine(home, "UseEmulator.ps1"));
    }

    private static bool IsSwitch(string argument, params string[] names)
    {
        string name = argument.TrimStart('-', '/');
        return name.Length < argument.Length && names.Contains(name, StringComparer.OrdinalIgnoreCase);
    }

    private static string PowerShellVersion() =>
        typeof(InitialSessionState).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split(' ', '+')[0] ?? "";

    private static string ModuleVersion(string manifest) =>
        File.ReadLines(manifest).Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("ModuleVersion", StringComparison.Ordinal))?.Split('\'').ElementAtOrDefault(1) ?? "";
}
