using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace CancelJobs.Infrastructure
{
    /// <summary>
    /// Marks an identifier parameter. PowerShell would turn any value into a string ("System.Collections.Hashtable",
    /// "a b" for an array); this keeps strings and numbers and replaces anything else by a marker that
    /// <see cref="PipedInput"/> reports as an error naming the type. It never throws: during pipeline binding a throw
    /// would become PowerShell's generic binding error instead of ours.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class IdentifierAttribute : ArgumentTransformationAttribute
    {
        // A control character can never be part of a valid identifier, so no user value can look like the marker.
        private const string RejectedPrefix = "\u0000CancelJobs.NotAnIdentifier:";

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
            TryText(inputData, out var text) ? text : inputData == null ? null : RejectedPrefix + TypeLabel(inputData);

        /// <summary>True (with the type's name) when the bound value is the marker for a value that was not a string or number.</summary>
        public static bool IsRejected(string? value, out string typeName)
        {
            if (value != null && value.StartsWith(RejectedPrefix, StringComparison.Ordinal))
            {
                typeName = value.Substring(RejectedPrefix.Length);
                return true;
            }
            typeName = "";
            return false;
        }

        private static readonly ConcurrentDictionary<Type, PropertyInfo[]> ParametersByCommand = new ConcurrentDictionary<Type, PropertyInfo[]>();

        /// <summary>
        /// For commands that bind identifiers only through PowerShell (Get-*): the first <c>[Identifier]</c> parameter
        /// bound to something that is not a string or number, as a message naming its type; null when all are usable.
        /// </summary>
        public static string? RejectedParameter(object command)
        {
            var parameters = ParametersByCommand.GetOrAdd(command.GetType(), type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.PropertyType == typeof(string) && property.GetCustomAttribute<IdentifierAttribute>() != null).ToArray());
            foreach (var parameter in parameters)
            {
                if (IsRejected(parameter.GetValue(command) as string, out var typeName))
                {
                    return $"-{parameter.Name} takes a string or a number, not {PipedInput.Article(typeName)} {typeName}. Nothing was sent.";
                }
            }
            return null;
        }

        /// <summary>A string or a number (as PowerShell writes it, invariant culture); false for anything else.</summary>
        public static bool TryText(object? value, out string text)
        {
            text = "";
            var bare = value is PSObject wrapped ? wrapped.BaseObject : value;
            switch (bare)
            {
                case string s:
                    text = s;
                    return true;
                case char c:
                    text = c.ToString();
                    return true;
                case sbyte _: case byte _: case short _: case ushort _: case int _: case uint _:
                case long _: case ulong _: case decimal _: case double _: case float _: case System.Numerics.BigInteger _:
                    // A PSObject-wrapped number typed on the command line keeps its literal text (007 stays "007").
                    text = value is PSObject literal ? literal.ToString() : Convert.ToString(bare, CultureInfo.InvariantCulture) ?? "";
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The type as a user would name it: Hashtable, Object[], PSCustomObject.</summary>
        public static string TypeLabel(object value)
        {
            var bare = value is PSObject wrapped ? wrapped.BaseObject : value;
            return bare is PSCustomObject ? "PSCustomObject" : bare.GetType().Name;
        }
    }
}
