using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CancelJobs.Emulator;

namespace CancelJobs.Shell;

internal static class Program
{
    private const int BadArguments = 64;

    public static async Task<int> Main(string[] args)
    {
        CommandLine line;
        try
        {
            line = CommandLine.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("canceljobs: " + e.Message);
            Console.Error.WriteLine("Run 'canceljobs --help' for usage.");
            return BadArguments;
        }
        if (line.Mode == ShellMode.Help)
        {
            Console.Out.Write(CommandLine.Usage);
            return 0;
        }

        string? manifest = ShellSession.FindModuleManifest();
        if (manifest == null || !File.Exists(manifest))
        {
            Console.Error.WriteLine($"canceljobs: the CancelJobs module was not found ({manifest ?? "Modules/CancelJobs/CancelJobs.psd1 next to the exe, or out/CancelJobs/ above it"}). Build src/CancelJobs.Shell first.");
            return 1;
        }

        string? demoScript = null;
        if (line.Mode == ShellMode.Demo)
        {
            demoScript = Path.Combine(AppContext.BaseDirectory, "demo.ps1");
            if (!File.Exists(demoScript))
            {
                Console.Error.WriteLine("canceljobs: demo.ps1 was not found next to the exe: " + demoScript);
                return 1;
            }
        }

        EmulatorHost? emulator = line.Emulator || line.Mode == ShellMode.Demo
            ? await EmulatorHost.StartAsync(new EmulatorOptions { Seed = "demo" })
            : null;
        try
        {
            var host = new ConsoleHost(line.NonInteractive);
            using var session = new ShellSession(host);
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                session.StopRunning();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                if (!session.ImportModule(manifest)) return 1;
                if (emulator != null) session.UseEmulator(emulator);
                return line.Mode switch
                {
                    ShellMode.Command => session.RunScript(line.Script),
                    ShellMode.File => session.RunScript(InvocationOf(line.FilePath, line.FileArguments)),
                    // The demo shows a per-item error on purpose; only a terminating error fails it.
                    _ => session.RunInteractive(ps => ps.AddCommand(demoScript!)),
                };
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }
        finally
        {
            if (emulator != null) await emulator.DisposeAsync();
        }
    }

    /// <summary>
    /// "&amp; 'path' 'arg' -Name 'value'": arguments that look like parameter names (-Name, -Name:) stay bare so they bind
    /// by name, as with pwsh -File; everything else is passed as a literal string.
    /// </summary>
    internal static string InvocationOf(string path, System.Collections.Generic.IReadOnlyList<string> arguments)
    {
        var script = new StringBuilder("& ").Append(Quote(Path.GetFullPath(path)));
        foreach (string argument in arguments)
        {
            script.Append(' ');
            Match named = ParameterArgument.Match(argument);
            if (!named.Success)
            {
                script.Append(Quote(argument));
            }
            else if (named.Groups["value"].Success)
            {
                script.Append(named.Groups["name"].Value).Append(':').Append(Quote(named.Groups["value"].Value));
            }
            else
            {
                script.Append(argument);
            }
        }
        return script.ToString();
    }

    private static readonly Regex ParameterArgument = new(@"^(?<name>-[A-Za-z_][A-Za-z0-9_]*)(?::(?<value>.*))?$", RegexOptions.CultureInvariant);

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
