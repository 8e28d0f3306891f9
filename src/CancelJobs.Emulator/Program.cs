using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace CancelJobs.Emulator;

/// <summary>
/// <c>CancelJobs.Emulator [--urls URL] [--seed demo|FILE] [--no-verify-signatures] [--verbose]</c>:
/// prints the listen URL as the first stdout line, then serves until Ctrl+C or SIGTERM.
/// </summary>
internal static class Program
{
    private const string Usage = "usage: CancelJobs.Emulator [--urls http://127.0.0.1:0] [--seed demo|FILE.json] [--regions R1,R2,...] [--no-verify-signatures] [--verbose]";

    private static async Task<int> Main(string[] args)
    {
        var options = new EmulatorOptions();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--urls" when i + 1 < args.Length:
                    options.Urls = args[++i];
                    break;
                case "--seed" when i + 1 < args.Length:
                    options.Seed = args[++i];
                    break;
                case "--regions" when i + 1 < args.Length:
                    foreach (string region in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        options.Regions.Add(region);
                    break;
                case "--no-verify-signatures":
                    options.VerifySignatures = false;
                    break;
                case "--verbose":
                    options.Quiet = false;
                    break;
                case "--help" or "-h":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    Console.Error.WriteLine($"Unknown argument '{args[i]}'.");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        await using EmulatorHost host = await EmulatorHost.StartAsync(options);
        Console.WriteLine(host.BaseUri.GetLeftPart(UriPartial.Authority));
        Console.Out.Flush();

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true; // shut down cleanly instead of letting the runtime kill the process
            stop.TrySetResult();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await stop.Task;
        return 0;
    }
}
