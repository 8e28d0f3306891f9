using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Tests.Hosting;
using CancelJobs.Tests.Operations;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>ValidateSet needs constants; these keep the literal lists equal to the engine's arrays.</summary>
    public sealed class GetCmdletParameterTests
    {
        public static IEnumerable<object[]> DeclaredValidateSets() => OperationSamples.ValidateSets();

        [Theory]
        [MemberData(nameof(DeclaredValidateSets))]
        public void ValidateSetsEqualTheEngineArrays(string command, string parameter, string engineType, string field)
        {
            using var session = new PowerShellSession(null, RepoPaths.BuiltManifest);

            // The engine lives in its own load context; reach it through the command's declared output type.
            var result = session.Run($$"""
                $command = Get-Command {{command}}
                $set = $command.Parameters['{{parameter}}'].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
                $engine = $command.OutputType[0].Type.Assembly.GetType('{{engineType}}', $true)
                [pscustomobject]@{ Set = @($set.ValidValues); Engine = @($engine.GetField('{{field}}').GetValue($null)); IgnoreCase = $set.IgnoreCase }
                """).AssertClean();

            var row = Assert.Single(result.Output);
            var set = ((object[])row.Properties["Set"].Value).Select(v => v.ToString()).ToArray();
            var engine = ((object[])row.Properties["Engine"].Value).Select(v => v.ToString()).ToArray();
            Assert.Equal(engine, set);
            Assert.True((bool)row.Properties["IgnoreCase"].Value);
        }

        [Theory]
        [InlineData("Get-IoTJobExecution -JobId fw-7 -Status IN_", "IN_PROGRESS")]
        [InlineData("Get-TwinMakerTransferJob -SourceType iots", "iotsitewise")]
        [InlineData("Get-DataZoneMetadataGenerationRun dzd_x -Type BUSINESS_G", "BUSINESS_GLOSSARY_ASSOCIATIONS")]
        public void EnumParametersTabComplete(string line, string expected)
        {
            using var session = new PowerShellSession(null, RepoPaths.BuiltManifest);

            var result = session.Run($"(TabExpansion2 -inputScript '{line}' -cursorColumn {line.Length}).CompletionMatches | ForEach-Object {{ $_.CompletionText }}").AssertClean();

            Assert.Equal(expected, Assert.Single(result.Output).ToString());
        }

        [Fact]
        public void TheManifestExportsTheGetCmdletsWithOutputTypes()
        {
            using var session = new PowerShellSession(null, RepoPaths.BuiltManifest);

            var result = session.Run("Get-Command -Module CancelJobs -Verb Get | ForEach-Object { $_.Name + '=' + $_.OutputType[0].Name }").AssertClean();

            Assert.Equal(OperationSamples.All.Select(s => s.GetCmdlet + "=" + s.RecordType).OrderBy(s => s, StringComparer.Ordinal),
                result.Output.Select(o => o.ToString()).OrderBy(s => s, StringComparer.Ordinal));
        }
    }
}
