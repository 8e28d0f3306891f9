using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// The canceljobs console (src/CancelJobs.Shell), run as a child process exactly as a person runs it, so nothing
    /// of it (nor the engine assembly) is loaded into the test process. The child inherits the hermetic AWS environment.
    /// </summary>
    public sealed class ShellTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        [Fact]
        public async Task DemoShowsPreviewResultTablesForAllFourServicesAndOneErrorAndExitsZero()
        {
            var run = await RunAsync();

            Assert.True(run.ExitCode == 0, run.ToString());
            // -WhatIf: the preview lines, and nothing sent.
            Assert.Contains("What if: Performing the operation \"Cancel\" on target \"IoT job execution fw-rollout-7 on thing sensor-001\".", run.Stdout);
            Assert.Contains("Cancel requests the emulator received during the preview: 0", run.Stdout);
            // It starts from Get-*: the list views of all four services, before and after.
            Assert.Matches(@"JobId\s+ThingName\s+Status\s+ExecutionNumber\s+LastUpdatedAt", run.Stdout);
            Assert.Matches(@"MetadataTransferJobId\s+Status\s+TotalCount", run.Stdout);
            Assert.Matches(@"conv-hr-schema\s+IN_PROGRESS", run.Stdout);
            Assert.Matches(@"dzd_sales01\s+mgr_orders_desc\s+IN_PROGRESS\s+BUSINESS_DESCRIPTIONS", run.Stdout);
            Assert.Matches(@"=== 7\. List again[\s\S]*fw-rollout-7 sensor-001 CANCELED", run.Stdout);
            // Each service's table view: its column headers and the ids it cancelled.
            Assert.Matches(@"JobId\s+ThingName\s+Status\s+Forced\s+RequestTime", run.Stdout);
            Assert.Matches(@"fw-rollout-7 sensor-001 CANCELED False", run.Stdout);
            Assert.Matches(@"fw-rollout-7 sensor-005 CANCELED True", run.Stdout);
            Assert.Matches(@"MetadataTransferJobId\s+Status\s+Completed\s+UpdateDateTime\s+RequestTime", run.Stdout);
            Assert.Matches(@"mtj-assembly-line-01\s+CANCELLING", run.Stdout);
            Assert.Matches(@"mtj-assembly-line-02\s+CANCELLING", run.Stdout);
            // Redirected output is as wide as the tables (not the 80 columns of a host without a console): no header wraps.
            Assert.Matches(@"MetadataTransferJobId\s+Status\s+TotalCount\s+SucceededCount\s+FailedCount\s+UpdateDateTime", run.Stdout);
            Assert.DoesNotMatch(@"(?m)^teTime", run.Stdout);
            Assert.Matches(@"MigrationProjectIdentifier\s+RequestIdentifier\s+Status\s+ProgressPercent", run.Stdout);
            Assert.Matches(@"legacy-oracle-to-aurora\s+conv-hr-schema\s+CANCELED", run.Stdout);
            Assert.Matches(@"DomainIdentifier\s+Identifier\s+Status\s+RequestTime", run.Stdout);
            Assert.Matches(@"dzd_sales01\s+mgr_customers_names\s+CANCELED", run.Stdout);
            // The per-item error, shown (on stderr, as pwsh does) while the items around it succeed.
            Assert.Contains("TwinMaker metadata transfer job mtj-assembly-line-99 was not found", run.Stderr);
            Assert.Matches(@"JobId\s+Status\s+Forced\s+RequestTime[\s\S]*cert-rotation-2\s+CANCELED\s+False", run.Stdout);
            Assert.Matches(@"AWS requests received: \d+ in all; 15 cancel calls \(14 succeeded\), every one SigV4-signed and verified: True", run.Stdout);
            // Redirected output is plain text.
            Assert.DoesNotContain('\u001b', run.Stdout + run.Stderr);
        }

        [Fact]
        public async Task EmulatorCommandCancelsThroughThePipeline()
        {
            var run = await RunAsync("-Emulator", "-Command", "'sensor-001', 'sensor-002' | Stop-IoTJobExecution -JobId fw-rollout-7");

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Matches(@"fw-rollout-7 sensor-001 CANCELED", run.Stdout);
            Assert.Matches(@"fw-rollout-7 sensor-002 CANCELED", run.Stdout);
            Assert.Equal("", run.Stderr);
        }

        [Fact]
        public async Task CommandWhoseLastStatementFailsExitsOne()
        {
            var run = await RunAsync("-Emulator", "-Command", "Stop-IoTJobExecution -JobId fw-rollout-7 -ThingName no-such-thing");

            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("IoT job execution fw-rollout-7 on thing no-such-thing was not found", run.Stderr);
        }

        [Fact]
        public async Task TerminatingErrorExitsOneAndExitSetsTheCode()
        {
            var thrown = await RunAsync("-Command", "throw 'boom'");
            Assert.True(thrown.ExitCode == 1, thrown.ToString());
            Assert.Contains("boom", thrown.Stderr);

            var exited = await RunAsync("-Command", "'fine'; exit 3");
            Assert.True(exited.ExitCode == 3, exited.ToString());
            Assert.Contains("fine", exited.Stdout);
        }

        [Fact]
        public async Task ReadmePipelinesWithEverydayCmdletsRunInCommandMode()
        {
            string folder = Directory.CreateTempSubdirectory("canceljobs-shell-").FullName;
            try
            {
                File.WriteAllText(Path.Combine(folder, "to-cancel.csv"), "ThingName,JobId\nsensor-001,fw-rollout-7\nsensor-002,fw-rollout-7\n");
                File.WriteAllText(Path.Combine(folder, "runs.json"), "[{\"domainId\":\"dzd_sales01\",\"id\":\"mgr_orders_desc\"}]");
                string script = $"""
                    Set-Location '{folder}'
                    Import-Csv ./to-cancel.csv | Stop-IoTJobExecution -ThrottleLimit 16 -MaxRequestsPerSecond 40 | Select-Object ThingName, Status | Format-Table
                    Get-Content runs.json | ConvertFrom-Json | Stop-DataZoneMetadataGenerationRun | ConvertTo-Json -Depth 1 | Write-Host
                    (Get-Module -ListAvailable CancelJobs).Name
                    """;
                var run = await RunAsync("-Emulator", "-NoProfile", "-Command", script);

                Assert.True(run.ExitCode == 0, run.ToString());
                Assert.Matches(@"ThingName\s+Status\s+[\s-]+sensor-001\s+CANCELED\s+sensor-002\s+CANCELED", run.Stdout);
                Assert.Matches(@"""Identifier"":\s*""mgr_orders_desc""", run.Stdout);
                Assert.Matches(@"""Status"":\s*""CANCELED""", run.Stdout);
                Assert.Matches(@"(?m)^CancelJobs\s*$", run.Stdout);
                Assert.Equal("", run.Stderr);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public async Task FileAndPromptHaveTheFullCommandSetAndTheModule()
        {
            string file = Path.Combine(Path.GetTempPath(), $"canceljobs-shell-{Guid.NewGuid():N}.ps1");
            File.WriteAllText(file, """
                param([string] $ThingName, [int] $Count)
                $cancelled = 1..$Count | ForEach-Object { "$ThingName$_" } | Stop-IoTJobExecution -JobId fw-rollout-7 -ErrorAction SilentlyContinue
                "file: $((Get-Command Import-Csv, ConvertFrom-Json, Sort-Object, Measure-Object, Get-FileHash, Start-Sleep -ErrorAction Stop).Count) commands; $((Get-Command -Module CancelJobs).Count) CancelJobs cmdlets; $(@($cancelled).Count) cancelled"
                """);
            try
            {
                var fromFile = await RunAsync("-Emulator", "-NoProfile", "-File", file, "-ThingName", "sensor-00", "-Count", "2");
                Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
                Assert.Contains($"file: 6 commands; {Operations.OperationSamples.Commands.Count} CancelJobs cmdlets; 2 cancelled", fromFile.Stdout);
            }
            finally
            {
                File.Delete(file);
            }

            // The prompt, fed by a pipe as a person's typing would be.
            var prompt = await RunAsync(["-Emulator", "-NoProfile"], "'sensor-003' | Stop-IoTJobExecution -JobId fw-rollout-7 -CancelInProgress -Force | Format-List JobId, ThingName, Status\n\"prompt: $(@(Get-Command Format-Table, Export-Csv, Invoke-RestMethod).Count)\"\n");
            Assert.True(prompt.ExitCode == 0, prompt.ToString());
            Assert.Matches(@"ThingName\s*:\s*sensor-003\s+Status\s*:\s*CANCELED", prompt.Stdout);
            Assert.Contains("prompt: 3", prompt.Stdout);
        }

        private static string ShellAssembly()
        {
            // Same configuration as this test build: .../tests/CancelJobs.Tests/bin/<Configuration>/net10.0/
            string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)).Parent!.Name;
            string path = Path.Combine(RepoPaths.Root, "src", "CancelJobs.Shell", "bin", configuration, "net10.0", "CancelJobs.Shell.dll");
            Assert.True(File.Exists(path), "Build src/CancelJobs.Shell first: " + path);
            return path;
        }

        private static Task<ShellRun> RunAsync(params string[] arguments) => RunAsync(arguments, input: null);

        private static async Task<ShellRun> RunAsync(string[] arguments, string? input)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(ShellAssembly());
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment["NO_COLOR"] = "1";

            using var process = Process.Start(start) ?? throw new InvalidOperationException("canceljobs did not start.");
            if (input != null) await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close(); // A prompt would fail rather than hang.
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            using (var timeout = new System.Threading.CancellationTokenSource(Timeout))
            {
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw new TimeoutException($"canceljobs {string.Join(" ", arguments)} did not finish within {Timeout}.");
                }
            }
            return new ShellRun(process.ExitCode, await stdout, await stderr);
        }

        private sealed class ShellRun
        {
            public ShellRun(int exitCode, string stdout, string stderr)
            {
                ExitCode = exitCode;
                Stdout = stdout;
                Stderr = stderr;
            }

            public int ExitCode { get; }
            public string Stdout { get; }
            public string Stderr { get; }

            public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
        }
    }
}
