using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>build.ps1 cannot run without pwsh here; at least it must parse and keep its documented interface.</summary>
    public sealed class BuildScriptTests
    {
        private static readonly string BuildScript = Path.Combine(RepoPaths.Root, "build.ps1");

        private static ScriptBlockAst Parse()
        {
            var (ast, errors) = ScriptCheck.Parse(BuildScript);
            Assert.True(errors.Count == 0, "build.ps1 has syntax errors:\n" + string.Join("\n", errors));
            return ast;
        }

        [Fact]
        public void ParsesWithoutSyntaxErrors() => Parse();

        [Theory]
        [InlineData("Task", "Build", new[] { "Build", "Test", "Package", "Clean" })]
        [InlineData("Configuration", "Release", new[] { "Debug", "Release" })]
        public void DeclaresTheParameterWithItsValidateSetAndDefault(string name, string defaultValue, string[] validValues)
        {
            var parameter = Parse().ParamBlock?.Parameters.SingleOrDefault(p => string.Equals(p.Name.VariablePath.UserPath, name, StringComparison.OrdinalIgnoreCase));

            Assert.NotNull(parameter);
            var validateSet = parameter!.Attributes.OfType<AttributeAst>().SingleOrDefault(a => a.TypeName.GetReflectionAttributeType() == typeof(ValidateSetAttribute));
            Assert.NotNull(validateSet);
            Assert.Equal(validValues, validateSet!.PositionalArguments.Cast<StringConstantExpressionAst>().Select(s => s.Value));
            Assert.Equal(defaultValue, Assert.IsType<StringConstantExpressionAst>(parameter.DefaultValue).Value);
        }

        [Fact]
        public void ChecksTheExitCodeOfNativeCommandsAndExitsNonZeroOnFailure()
        {
            var ast = Parse();
            var text = ast.Extent.Text;

            Assert.Contains("$LASTEXITCODE", text, StringComparison.Ordinal);
            var exits = ast.FindAll(n => n is ExitStatementAst, true).Cast<ExitStatementAst>().ToList();
            Assert.Contains(exits, e => e.Pipeline?.Extent.Text == "1");
        }

        [Fact]
        public void CallsNoCancelJobsCommandItDoesNotHave()
        {
            // The build script does not import the module, so it should not call its commands at all.
            var calls = Parse().FindAll(n => n is CommandAst c && c.GetCommandName() is { } name && ScriptCheck.CancelJobsCommandPattern.IsMatch(name), true);

            Assert.Empty(calls);
        }
    }
}
