using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CancelJobs.Tests.Hosting;
using CancelJobs.Tests.Operations;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>The manifest, the exports, and the private load context that keeps AWSSDK.Core to ourselves.</summary>
    public sealed class ModuleTests : IClassFixture<EmulatorFixture>
    {
        // Every operation's two commands, as its declaration (Operations/*Sample.cs) names them.
        private static readonly IReadOnlyList<string> Commands = OperationSamples.Commands;

        private readonly EmulatorFixture emulator;

        public ModuleTests(EmulatorFixture emulator) => this.emulator = emulator;

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void TestModuleManifestPassesForTheSourceAndTheBuiltManifest(bool built)
        {
            using var session = emulator.NewSession();
            var manifest = built ? RepoPaths.BuiltManifest : RepoPaths.SourceManifest;

            var result = session.Run($"$m = Test-ModuleManifest '{manifest}'; $m.Version.ToString(); $m.CompatiblePSEditions -join ','; $m.ExportedCmdlets.Keys").AssertClean();

            Assert.Equal("0.1.0", result.Output[0].ToString());
            Assert.Equal("Core,Desktop", result.Output[1].ToString());
            Assert.Equal(Commands, result.Output.Skip(2).Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void TheModuleExportsExactlyItsDeclaredCommandsAndNoWildcards()
        {
            using var session = emulator.NewSession();

            var result = session.Run("(Get-Command -Module CancelJobs).Name").AssertClean();

            Assert.Equal(Commands, result.Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal));
            Assert.DoesNotContain("*", File.ReadAllText(RepoPaths.SourceManifest).Split('\n').Where(l => l.Contains("ToExport")));
        }

        [Fact]
        public void TheBuiltManifestExportsNoFunctionsVariablesOrAliases()
        {
            using var session = emulator.NewSession();

            var result = session.Run($"$d = Import-PowerShellDataFile '{RepoPaths.BuiltManifest}'; @($d.FunctionsToExport).Count; @($d.VariablesToExport).Count; @($d.AliasesToExport).Count").AssertClean();

            Assert.Equal(new[] { "0", "0", "0" }, result.Output.Select(o => o.ToString()));
        }

        public static TheoryData<string> StopCmdlets => OperationSamples.StopCmdlets();

        [Theory]
        [MemberData(nameof(StopCmdlets))]
        public void EveryStopCommandTakesTheConnectionAndBulkParameters(string stopCmdlet)
        {
            using var session = emulator.NewSession();

            var result = session.Run($"(Get-Command {stopCmdlet} -Module CancelJobs).Parameters.Keys").AssertClean();

            var parameters = result.Output.Select(o => o.ToString()).ToList();
            foreach (var expected in new[] { "Region", "ProfileName", "ProfileLocation", "Credential", "AccessKey", "SecretKey", "SessionToken", "EndpointUrl",
                "Force", "ThrottleLimit", "MaxRequestsPerSecond", "Wait", "Timeout" })
            {
                Assert.Contains(expected, parameters);
            }
        }

        [Fact]
        public void AnotherAwsSdkCoreInTheSessionDoesNotDisturbTheModule()
        {
            // What AWS Tools does: its own AWSSDK.Core in the default load context, loaded before our module is used.
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var foreignCore = Directory.GetFiles(Path.Combine(packages, "awssdk.core"), "AWSSDK.Core.dll", SearchOption.AllDirectories)
                .First(p => p.Contains(Path.Combine("lib", "net8.0")));
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run($$"""
                $null = [System.Reflection.Assembly]::LoadFrom('{{foreignCore}}')
                Stop-IoTJobExecution fw-7 sensor-1 @aws | ForEach-Object { $_.Status }
                [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' } | ForEach-Object {
                    [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).GetType().Name
                }
                """).AssertClean();

            Assert.Equal("CANCELED", result.Output[0].ToString());
            var contexts = result.Output.Skip(1).Select(o => o.ToString()).ToList();
            Assert.Contains("DependencyLoadContext", contexts);
            Assert.True(contexts.Count >= 2, "expected the foreign AWSSDK.Core and ours side by side: " + string.Join(", ", contexts));
        }
    }
}
