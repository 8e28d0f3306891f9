using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace CancelJobs.Tests.Completeness
{
    /// <summary>
    /// One engine service as the built module shows it: found through the engine's IJobService implementations, so a
    /// fifth service is seen as soon as its folder compiles, then matched to its reader and its two cmdlets.
    /// </summary>
    public sealed class JobServiceShape
    {
        private JobServiceShape(string folder) => Folder = folder;

        /// <summary>The service's folder name in the engine and the emulator (TwinMaker, IoT, Dms, DataZone).</summary>
        public string Folder { get; }

        public string? StopCmdlet { get; private set; }
        public string? GetCmdlet { get; private set; }

        /// <summary>Full names of the types Stop-* and Get-* write, which the format file must give views.</summary>
        public string CancellationType { get; private set; } = "";
        public string? RecordType { get; private set; }

        /// <summary>Full names of the service class, what Stop-* cancels and what Get-* asks for.</summary>
        public string ServiceType { get; private set; } = "";
        public string TargetType { get; private set; } = "";
        public string? CriteriaType { get; private set; }

        /// <summary>The noun of the operation's cmdlets (Stop-IoTJob → IoTJob), which every type of the operation is named after.</summary>
        public string? Noun => (StopCmdlet ?? GetCmdlet)?.Split('-', 2)[1];

        /// <summary>This shape with another target type: how a test shows what the checklist says of a misnamed one.</summary>
        public JobServiceShape WithTargetType(string fullName)
        {
            var copy = (JobServiceShape)MemberwiseClone();
            copy.TargetType = fullName;
            return copy;
        }

        /// <summary>Pieces missing in the module itself (no reader, no cmdlet over the generic bases, wrong OutputType).</summary>
        public List<string> ModuleProblems { get; } = new List<string>();

        public override string ToString() => Folder;

        /// <summary>Every service the engine behind <paramref name="cmdlets"/> implements, with its cmdlets.</summary>
        public static IReadOnlyList<JobServiceShape> Discover(IReadOnlyList<CmdletInfo> cmdlets)
        {
            var engine = cmdlets.SelectMany(c => c.OutputType).Select(o => o.Type).First(t => t != null).Assembly;
            var types = engine.GetTypes().Where(t => t.IsClass && !t.IsAbstract).ToList();
            var shapes = new List<JobServiceShape>();
            foreach (var service in types)
            {
                var cancel = Implemented(service, "CancelJobs.Engine.Model.IJobService`2");
                if (cancel == null)
                {
                    continue;
                }
                var shape = new JobServiceShape(service.Namespace!.Split('.').Last())
                {
                    CancellationType = cancel.GenericTypeArguments[1].FullName!,
                    TargetType = cancel.GenericTypeArguments[0].FullName!,
                    ServiceType = service.FullName!,
                };
                shape.StopCmdlet = shape.CmdletOver(cmdlets, "StopJobCmdlet`2", cancel.GenericTypeArguments, "cancel");

                // The service class's own reader first: one folder may hold several operations (IoT's jobs and job executions).
                var reader = Implemented(service, "CancelJobs.Engine.Model.IJobReader`2") ?? types.Where(t => t.Namespace == service.Namespace)
                    .Select(t => Implemented(t, "CancelJobs.Engine.Model.IJobReader`2")).FirstOrDefault(i => i != null);
                if (reader == null)
                {
                    shape.ModuleProblems.Add($"no IJobReader in the engine's {service.Namespace} (its list/get queries)");
                }
                else
                {
                    shape.RecordType = reader.GenericTypeArguments[1].FullName;
                    shape.CriteriaType = reader.GenericTypeArguments[0].FullName;
                    shape.GetCmdlet = shape.CmdletOver(cmdlets, "GetJobCmdlet`2", reader.GenericTypeArguments, "read");
                }
                shapes.Add(shape);
            }
            return shapes.OrderBy(s => s.Folder, StringComparer.Ordinal).ToList();
        }

        private string? CmdletOver(IReadOnlyList<CmdletInfo> cmdlets, string baseName, Type[] arguments, string purpose)
        {
            var found = cmdlets.FirstOrDefault(c => Base(c.ImplementingType, baseName) is Type b && b.GenericTypeArguments.SequenceEqual(arguments));
            if (found == null)
            {
                ModuleProblems.Add($"no exported cmdlet over {baseName.Split('`')[0]}<{string.Join(", ", arguments.Select(a => a.Name))}> to {purpose} with");
                return null;
            }
            var written = arguments[1];
            if (found.OutputType.Count != 1 || found.OutputType[0].Type != written)
            {
                ModuleProblems.Add($"{found.Name} must declare [OutputType(typeof({written.Name}))]");
            }
            return found.Name;
        }

        private static Type? Implemented(Type type, string genericInterface) =>
            type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition().FullName == genericInterface);

        private static Type? Base(Type type, string genericName)
        {
            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                if (current.IsGenericType && current.GetGenericTypeDefinition().Name == genericName)
                {
                    return current;
                }
            }
            return null;
        }
    }
}
