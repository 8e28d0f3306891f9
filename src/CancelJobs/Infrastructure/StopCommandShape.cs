using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace CancelJobs.Infrastructure
{
    /// <summary>What binding needs to know about one Stop-* command, read once from its parameters.</summary>
    internal sealed class StopCommandShape
    {
        private static readonly object Gate = new object();
        private static IReadOnlyList<StopCommandShape>? all;

        private StopCommandShape(Type command, string commandName, string serviceName, string recordNamespace, IReadOnlyList<IdentifierSlot> slots,
            Func<string, bool> stillCancellable)
        {
            StillCancellable = stillCancellable;
            Command = command;
            CommandName = commandName;
            ServiceName = serviceName;
            RecordNamespace = recordNamespace;
            Slots = slots;
        }

        public Type Command { get; }
        public string CommandName { get; }

        /// <summary>The AWS SDK's service name (IoT, IoTTwinMaker…), which is also AWS Tools' model namespace.</summary>
        public string ServiceName { get; }

        /// <summary>The engine namespace of this service's records and results, e.g. CancelJobs.Engine.IoT.</summary>
        public string RecordNamespace { get; }

        public IReadOnlyList<IdentifierSlot> Slots { get; }

        /// <summary>Whether a job in a status can still be cancelled by this command (completion offers only those).</summary>
        public Func<string, bool> StillCancellable { get; }

        /// <summary>Names only this command's identifiers use; names several commands share (JobId, Id) identify no service.</summary>
        public IReadOnlyCollection<string> DistinctiveNames { get; private set; } = Array.Empty<string>();

        public static IReadOnlyList<StopCommandShape> All
        {
            get
            {
                lock (Gate)
                {
                    return all ??= Discover();
                }
            }
        }

        public static StopCommandShape For(Type command) => All.First(shape => shape.Command == command);

        private static IReadOnlyList<StopCommandShape> Discover()
        {
            var shapes = new List<StopCommandShape>();
            foreach (var type in typeof(StopCommandShape).Assembly.GetTypes())
            {
                var stopBase = BaseStopType(type);
                var cmdlet = type.GetCustomAttribute<CmdletAttribute>();
                if (stopBase == null || cmdlet == null || type.IsAbstract)
                {
                    continue;
                }
                var slots = new List<IdentifierSlot>();
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.GetCustomAttribute<IdentifierAttribute>() == null)
                    {
                        continue;
                    }
                    var names = new List<string> { property.Name };
                    names.AddRange(property.GetCustomAttributes<AliasAttribute>().SelectMany(alias => alias.AliasNames));
                    var byValue = property.GetCustomAttributes<ParameterAttribute>().Any(parameter => parameter.ValueFromPipeline);
                    slots.Add(new IdentifierSlot(property, names, byValue));
                }
                var resultType = stopBase.GetGenericArguments()[1];
                string serviceName;
                Func<string, bool> stillCancellable;
                using (var instance = (AwsCmdlet)Activator.CreateInstance(type)!)
                {
                    var stop = (IStopCommand)instance;
                    serviceName = stop.ServiceName;
                    // The answer comes from the engine's job service (a singleton), not from this throwaway instance's state.
                    stillCancellable = stop.StillCancellable;
                }
                shapes.Add(new StopCommandShape(type, cmdlet.VerbName + "-" + cmdlet.NounName, serviceName, resultType.Namespace ?? "", slots, stillCancellable));
            }
            var counts = shapes.SelectMany(shape => shape.Slots.SelectMany(slot => slot.Names).Distinct(StringComparer.OrdinalIgnoreCase))
                .GroupBy(name => name, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(group => group.Key, group => group.Count(), StringComparer.OrdinalIgnoreCase);
            foreach (var shape in shapes)
            {
                shape.DistinctiveNames = shape.Slots.SelectMany(slot => slot.Names).Where(name => counts[name] == 1).ToList();
            }
            return shapes;
        }

        private static Type? BaseStopType(Type type)
        {
            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(StopJobCmdlet<,>))
                {
                    return current;
                }
            }
            return null;
        }
    }
}
