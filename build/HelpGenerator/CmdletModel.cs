using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace CancelJobs.HelpGenerator
{
    /// <summary>A parameter as one parameter set sees it.</summary>
    internal sealed record ParameterInSet(string Name, bool Mandatory, int? Position, bool ByValue, bool ByPropertyName);

    /// <summary>A cmdlet parameter: what PowerShell binds, read from the compiled attributes.</summary>
    internal sealed record CmdletParameter(
        string Name, Type Type, IReadOnlyList<string> Aliases, IReadOnlyList<string> ValidValues, string DefaultValue,
        IReadOnlyDictionary<string, ParameterInSet> Sets, bool DontShow)
    {
        public bool IsSwitch => Type == typeof(SwitchParameter);

        /// <summary>Sets this parameter belongs to, given the cmdlet's named sets (a parameter in all sets is in each).</summary>
        public ParameterInSet? In(string set) =>
            Sets.TryGetValue(set, out var own) ? own : Sets.TryGetValue(ParameterAttribute.AllParameterSets, out var all) ? all : null;
    }

    internal sealed record CmdletCommand(
        string Name, string Verb, string Noun, Type Type, IReadOnlyList<CmdletParameter> Parameters, IReadOnlyList<string> ParameterSets,
        string? DefaultParameterSet, bool SupportsShouldProcess, IReadOnlyList<Type> OutputTypes);

    /// <summary>Reads the exported cmdlets of a built module assembly.</summary>
    internal static class CmdletModel
    {
        public static IReadOnlyList<CmdletCommand> Load(string assemblyPath, IEnumerable<string> probeDirectories)
        {
            var directories = new[] { Path.GetDirectoryName(Path.GetFullPath(assemblyPath))! }.Concat(probeDirectories.Select(Path.GetFullPath)).ToList();
            // The module's own dependencies (engine, AWSSDK.Core) live beside it or under dependencies/.
            AssemblyLoadContext.Default.Resolving += (context, name) =>
            {
                foreach (var directory in directories)
                {
                    var candidate = Path.Combine(directory, name.Name + ".dll");
                    if (File.Exists(candidate))
                    {
                        return context.LoadFromAssemblyPath(candidate);
                    }
                }
                return null;
            };
            var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
            return assembly.GetExportedTypes()
                .Where(t => !t.IsAbstract && typeof(Cmdlet).IsAssignableFrom(t) && t.GetCustomAttribute<CmdletAttribute>() != null)
                .Select(Read)
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .ToList();
        }

        private static CmdletCommand Read(Type type)
        {
            var cmdlet = type.GetCustomAttribute<CmdletAttribute>()!;
            var instance = CreateForDefaults(type);
            var parameters = new List<CmdletParameter>();
            // Declared order, the cmdlet's own parameters first, then its base classes' (GetProperties lists them so).
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var attributes = property.GetCustomAttributes<ParameterAttribute>().ToList();
                if (attributes.Count == 0)
                {
                    continue;
                }
                var sets = attributes.ToDictionary(
                    a => a.ParameterSetName,
                    a => new ParameterInSet(property.Name, a.Mandatory, a.Position == int.MinValue ? null : a.Position, a.ValueFromPipeline, a.ValueFromPipelineByPropertyName));
                var aliases = property.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames).ToList();
                var validValues = property.GetCustomAttributes<ValidateSetAttribute>().SelectMany(a => a.ValidValues).ToList();
                parameters.Add(new CmdletParameter(property.Name, property.PropertyType, aliases, validValues,
                    DefaultOf(property, instance, attributes.Any(a => a.Mandatory)), sets, attributes.All(a => a.DontShow)));
            }
            (instance as IDisposable)?.Dispose();

            var named = parameters.SelectMany(p => p.Sets.Keys).Where(s => s != ParameterAttribute.AllParameterSets).Distinct().ToList();
            var setNames = named.Count == 0 ? new List<string> { ParameterAttribute.AllParameterSets } : named;
            if (cmdlet.DefaultParameterSetName is { } defaultSet && setNames.Remove(defaultSet))
            {
                setNames.Insert(0, defaultSet);
            }
            var outputs = type.GetCustomAttributes<OutputTypeAttribute>().SelectMany(a => a.Type).Select(t => t.Type).OfType<Type>().ToList();
            return new CmdletCommand($"{cmdlet.VerbName}-{cmdlet.NounName}", cmdlet.VerbName, cmdlet.NounName, type, parameters, setNames,
                cmdlet.DefaultParameterSetName, cmdlet.SupportsShouldProcess, outputs);
        }

        private static object? CreateForDefaults(Type type)
        {
            try
            {
                return Activator.CreateInstance(type);
            }
            catch (Exception)
            {
                return null;
            }
        }

        /// <summary>The initial value an optional parameter has when not given, or "None".</summary>
        private static string DefaultOf(PropertyInfo property, object? instance, bool mandatory)
        {
            if (property.PropertyType == typeof(SwitchParameter))
            {
                return "False";
            }
            if (mandatory || instance == null || !property.CanRead)
            {
                return "None";
            }
            var value = property.GetValue(instance);
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (value == null || value is string { Length: 0 } || (type.IsValueType && value.Equals(Activator.CreateInstance(type))) || value is ICollection { Count: 0 })
            {
                return "None";
            }
            return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "None";
        }

        /// <summary>The type as PowerShell users write it: String, Int32, Hashtable, SwitchParameter, Nullable`1[Int64] as Int64.</summary>
        public static string ShortName(Type type)
        {
            var inner = Nullable.GetUnderlyingType(type) ?? type;
            if (inner.IsArray)
            {
                return ShortName(inner.GetElementType()!) + "[]";
            }
            return inner.Name;
        }

        public static string FullName(Type type)
        {
            var inner = Nullable.GetUnderlyingType(type) ?? type;
            return inner.FullName ?? inner.Name;
        }
    }
}
