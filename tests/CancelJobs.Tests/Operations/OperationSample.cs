using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Emulator;
using Xunit;

namespace CancelJobs.Tests.Operations
{
    /// <summary>
    /// What the shared test matrices need to know about one cancel operation (a Stop-*/Get-* pair), declared once in
    /// the operation's own file under Operations/. The matrices (ConfirmationTests, PipeBetweenGetCmdletsTests,
    /// GetCmdletParameterTests, ModuleTests, the Pester lists) draw their theory data from every sample found here, so a
    /// new operation is covered by adding its sample, without editing them; <see cref="OperationSamples"/> fails when an
    /// exported Stop-* has none.
    /// </summary>
    public abstract class OperationSample
    {
        public abstract string StopCmdlet { get; }
        public abstract string GetCmdlet { get; }

        /// <summary>The Stop-*'s ConfirmImpact.</summary>
        public virtual string ConfirmImpact => "Medium";

        /// <summary>Full name of the Stop-*'s result type.</summary>
        public abstract string CancellationType { get; }

        /// <summary>Full name of the Get-*'s record type.</summary>
        public abstract string RecordType { get; }

        /// <summary>The API operation Stop-* sends.</summary>
        public abstract string CancelOperation { get; }

        /// <summary>A seed document with cancellable jobs (read by <see cref="GetCancellable"/>) and one that is not cancellable.</summary>
        public abstract string Seed { get; }

        /// <summary>Cancels exactly one job of <see cref="Seed"/> (no -Force, no AWS parameters: the tests add them).</summary>
        public abstract string StopOne { get; }

        /// <summary>The job <see cref="StopOne"/> cancels, as the emulator holds it now: its status.</summary>
        public abstract string? StatusOfStopped(EmulatorState state);

        /// <summary>Lists cancellable jobs of <see cref="Seed"/> (at least one; no AWS parameters).</summary>
        public abstract string GetCancellable { get; }

        /// <summary>The states a job cancelled a moment ago reads back in (a cancel may take a while to finish).</summary>
        public abstract string[] CancelledStates { get; }

        /// <summary>Get-* ValidateSets and the engine's public arrays they must equal: (parameter, engine type, static field).</summary>
        public virtual IEnumerable<(string Parameter, string EngineType, string Field)> ValidateSets => Array.Empty<(string, string, string)>();

        /// <summary>
        /// For the model oracle (ModelOracle/): each identifier parameter of the two commands as a script with the value in
        /// $v, and the model member (service, operation, member) it becomes.
        /// </summary>
        public virtual IEnumerable<(string Script, string Service, string Operation, string Member)> ModelMembers =>
            Array.Empty<(string, string, string, string)>();

        /// <summary>
        /// For the model oracle: the operations of this command pair the emulator serves (rest-json; raw requests are built
        /// from the model's HTTP binding), with the id of a job seeded by <see cref="Seed"/> that cannot be cancelled.
        /// Every string member with a length or pattern is put on the wire at its boundaries, every enum member with
        /// each value, and every error the emulator answers must be modelled.
        /// </summary>
        public virtual IEnumerable<(string Service, string Operation)> ModelOperations => Array.Empty<(string, string)>();

        /// <summary>For the model oracle: Get-* ValidateSets and the model enum each must equal.</summary>
        public virtual IEnumerable<(string Parameter, string Service, string Operation, string Member)> ModelEnums =>
            Array.Empty<(string, string, string, string)>();

        /// <summary>A path label value of a job in <see cref="Seed"/> that cannot be cancelled ("finished").</summary>
        public virtual string FinishedId => "";

        public override string ToString() => StopCmdlet;
    }

    /// <summary>Every <see cref="OperationSample"/> in this assembly, by Stop-* name.</summary>
    public static class OperationSamples
    {
        public static IReadOnlyList<OperationSample> All { get; } = typeof(OperationSample).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(OperationSample).IsAssignableFrom(t))
            .Select(t => (OperationSample)Activator.CreateInstance(t)!)
            .OrderBy(s => s.StopCmdlet, StringComparer.Ordinal)
            .ToList();

        public static OperationSample Named(string stopCmdlet) => All.Single(s => s.StopCmdlet == stopCmdlet);

        /// <summary>Theory data: one row per operation, its Stop-* name.</summary>
        public static TheoryData<string> StopCmdlets()
        {
            var data = new TheoryData<string>();
            foreach (var sample in All)
            {
                data.Add(sample.StopCmdlet);
            }
            return data;
        }

        /// <summary>Every exported command, as the samples declare them.</summary>
        public static IReadOnlyList<string> Commands =>
            All.SelectMany(s => new[] { s.StopCmdlet, s.GetCmdlet }).OrderBy(n => n, StringComparer.Ordinal).ToList();

        /// <summary>Theory data: (Get-*, parameter, engine type, field) for every ValidateSet the samples declare.</summary>
        public static IEnumerable<object[]> ValidateSets() =>
            All.SelectMany(s => s.ValidateSets.Select(v => new object[] { s.GetCmdlet, v.Parameter, v.EngineType, v.Field }));
    }
}
