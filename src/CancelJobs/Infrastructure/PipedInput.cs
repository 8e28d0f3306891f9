using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using CancelJobs.Engine.Errors;

namespace CancelJobs.Infrastructure
{
    /// <summary>
    /// Binds a Stop-* command's identifiers from what was piped, instead of trusting PowerShell's coercion of any
    /// object to a string. Accepted: a string or number (the by-value identifier), a dictionary by key, or an object by
    /// property (parameter name, then aliases). Rejected before anything is sent: another service's record, result or
    /// AWS Tools object; a row that carries only another service's identifiers; arrays; values that are not scalars;
    /// missing identifiers. Parameters given on the command line win over the piped object, as in PowerShell.
    /// </summary>
    internal static class PipedInput
    {
        /// <summary>
        /// Sets every identifier not given on the command line from <paramref name="input"/>, or says why nothing may be
        /// sent for it. The steps, in order: the command line's own values; a string or number by value; another
        /// service's object or row; the names the object carries; what is left unbound.
        /// </summary>
        public static InputProblem? Bind(StopCommandShape shape, object cmdlet, PSObject? input, ICollection<string> givenOnCommandLine, string prefix)
        {
            if (RejectedOnCommandLine(shape, cmdlet, givenOnCommandLine) is { } rejected)
            {
                return rejected;
            }
            var open = shape.Slots.Where(slot => !givenOnCommandLine.Contains(slot.Parameter)).ToList();
            foreach (var slot in open)
            {
                slot.Set(cmdlet, "");
            }
            if (input == null)
            {
                return open.Count == 0 ? null : Missing(shape, prefix, open, null);
            }
            if (IdentifierAttribute.TryText(input, out var text))
            {
                // The common case, first: a string or number is nobody's record.
                BindByValue(cmdlet, open, text);
                return open.Count == 0 ? null : Missing(shape, prefix, open, null);
            }
            if (PipedObject.Read(shape, prefix, input, out var problem) is not { } piped)
            {
                return problem;
            }
            if (piped.ForeignCommand() is { } foreign)
            {
                return foreign;
            }
            if (piped.BindByName(cmdlet, open, out var bound) is { } unusable)
            {
                return unusable;
            }
            return open.Count == 0 ? null : piped.Unbound(open, bound);
        }

        /// <summary>Step 1: an identifier given on the command line as something that is not a string or number.</summary>
        private static InputProblem? RejectedOnCommandLine(StopCommandShape shape, object cmdlet, ICollection<string> givenOnCommandLine)
        {
            foreach (var slot in shape.Slots.Where(slot => givenOnCommandLine.Contains(slot.Parameter)))
            {
                if (IdentifierAttribute.IsRejected(slot.Get(cmdlet), out var typeName))
                {
                    return new InputProblem(ErrorIds.InvalidInputType, $"-{slot.Parameter} takes a string or a number, not {Article(typeName)} {typeName}. Nothing was sent.");
                }
            }
            return null;
        }

        /// <summary>Step 2: a piped string or number is the value of the parameter that takes pipeline input by value.</summary>
        private static void BindByValue(object cmdlet, List<IdentifierSlot> open, string text)
        {
            var byValue = open.FirstOrDefault(slot => slot.ByValue);
            if (byValue != null)
            {
                byValue.Set(cmdlet, text);
                open.Remove(byValue);
            }
        }

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlyList<(string Parameter, string[] Names)>> ByPropertyName =
            new System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlyList<(string, string[])>>();

        /// <summary>The parameters PowerShell binds by property name, each with the names it binds from (its own, then its aliases); read once per command.</summary>
        private static IReadOnlyList<(string Parameter, string[] Names)> BoundByPropertyName(object cmdlet) =>
            ByPropertyName.GetOrAdd(cmdlet.GetType(), type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.GetCustomAttributes<ParameterAttribute>().Any(parameter => parameter.ValueFromPipelineByPropertyName))
                .Select(property => (property.Name, new[] { property.Name }.Concat(property.GetCustomAttributes<AliasAttribute>().SelectMany(alias => alias.AliasNames)).ToArray()))
                .ToList());

        /// <summary>
        /// For commands PowerShell binds by property name (Get-*): one piped object whose names for one parameter disagree
        /// (ThingName vs the thing in ThingArn, DomainIdentifier vs DomainId…) is AmbiguousInput; PowerShell would pick one.
        /// Parameters given on the command line are not taken from the object, so they are not compared.
        /// </summary>
        public static InputProblem? DisagreeingProperties(object cmdlet, PSObject? input, ICollection<string> givenOnCommandLine)
        {
            if (input == null || IdentifierAttribute.TryText(input, out _))
            {
                return null;
            }
            foreach (var (parameter, names) in BoundByPropertyName(cmdlet))
            {
                // One name cannot disagree with itself.
                if (names.Length < 2 || givenOnCommandLine.Contains(parameter))
                {
                    continue;
                }
                (string Name, string Text)? first = null;
                foreach (var name in names)
                {
                    (bool Found, object? Value) value = input.BaseObject is IDictionary dictionary ? FindKey(dictionary, name)
                        : input.Properties[name] is PSPropertyInfo property ? (true, SafeValue(property)) : (false, null);
                    if (!value.Found || value.Value == null || !IdentifierAttribute.TryText(value.Value, out var text) || text.Length == 0)
                    {
                        continue;
                    }
                    if (first == null)
                    {
                        first = (name, text);
                    }
                    else if (!SameThing(first.Value.Text, text))
                    {
                        return new InputProblem(ErrorIds.AmbiguousInput,
                            $"The piped {IdentifierAttribute.TypeLabel(input)} names two different values for -{parameter}: its {first.Value.Name} is '{first.Value.Text}' and its {name} is '{text}'. "
                            + $"Nothing was sent; make them agree, remove one, or give -{parameter}.");
                    }
                }
            }
            return null;
        }

        /// <summary>
        /// For commands PowerShell binds by property name (Get-*): a piped item that carries none of those names (a plain
        /// string, another kind of object) binds nothing, and the command would run as if nothing were piped: Get-IoTJob
        /// would list every job, once per item. So does a piped $null, and a dictionary: PowerShell binds by property name
        /// only, and a dictionary's keys are not properties. The parameters it takes from piped objects, or null when the
        /// item carries one (or nothing was piped).
        /// </summary>
        public static IReadOnlyList<string>? NothingToBind(object cmdlet, PSObject? input, bool piped)
        {
            if (input == null && !piped)
            {
                return null;
            }
            var parameters = BoundByPropertyName(cmdlet);
            if (input != null && !(input.BaseObject is IDictionary)
                && parameters.SelectMany(parameter => parameter.Names).Any(name => input.Properties[name] is PSPropertyInfo property && SafeValue(property) != null))
            {
                return null;
            }
            return parameters.Select(parameter => parameter.Parameter).ToList();
        }

        /// <summary>
        /// Two spellings of one identifier: equal, or an ARN whose resource ends in "/NAME" (arn:…:thing/NAME) and that
        /// NAME. An ARN whose resource is "type:ID" (DMS's migration-project:ID) carries an id, not the name, so it cannot
        /// be compared with a name and is not called a conflict.
        /// </summary>
        internal static bool SameThing(string a, string b)
        {
            if (string.Equals(a, b, StringComparison.Ordinal))
            {
                return true;
            }
            var aIsArn = a.StartsWith("arn:", StringComparison.Ordinal);
            var bIsArn = b.StartsWith("arn:", StringComparison.Ordinal);
            if (aIsArn == bIsArn)
            {
                return false;
            }
            var arn = aIsArn ? a : b;
            var name = aIsArn ? b : a;
            var parts = arn.Split(new[] { ':' }, 6);
            if (parts.Length < 6)
            {
                return false;
            }
            var resource = parts[5];
            var slash = resource.LastIndexOf('/');
            return slash < 0 || string.Equals(resource.Substring(slash + 1), name, StringComparison.Ordinal);
        }

        /// <summary>A command's name as this session knows it: with the noun prefix of Import-Module -Prefix, if any.</summary>
        internal static string Named(StopCommandShape shape, string prefix) =>
            prefix.Length == 0 ? shape.CommandName : shape.CommandName.Insert(shape.CommandName.IndexOf('-') + 1, prefix);

        /// <summary>The noun prefix the command was imported with: Stop-CJIoTJobExecution invoked for Stop-IoTJobExecution → "CJ".</summary>
        public static string PrefixOf(StopCommandShape shape, string invokedName)
        {
            var noun = shape.CommandName.Substring(shape.CommandName.IndexOf('-') + 1);
            var invokedNoun = invokedName.Substring(invokedName.IndexOf('-') + 1);
            return invokedNoun.Length > noun.Length && invokedNoun.EndsWith(noun, StringComparison.OrdinalIgnoreCase)
                ? invokedNoun.Substring(0, invokedNoun.Length - noun.Length) : "";
        }

        internal static InputProblem Missing(StopCommandShape shape, string prefix, IReadOnlyList<IdentifierSlot> open, string? reason)
        {
            var parameters = string.Join(" and ", open.Select(slot => "-" + slot.Parameter));
            var them = open.Count == 1 ? "it" : "them";
            return new InputProblem(ErrorIds.MissingIdentifier,
                $"{Named(shape, prefix)} needs {parameters}{(reason == null ? "" : ", but " + reason)}. Give {them} as {(open.Count == 1 ? "a parameter" : "parameters")} or pipe objects that carry {them}. Nothing was sent.");
        }

        internal static (bool Found, object? Value) FindKey(IDictionary dictionary, string name)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                if (entry.Key is string key && string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return (true, entry.Value);
                }
            }
            return (false, null);
        }

        internal static object? SafeValue(PSPropertyInfo property)
        {
            try
            {
                return property.Value;
            }
            catch (Exception)
            {
                // A getter that throws (GetValueException, or an adapter's own) means no usable value, not a crash.
                return null;
            }
        }

        internal static string Article(string noun) => noun.Length > 0 && "AEIOUaeiou".IndexOf(noun[0]) >= 0 ? "an" : "a";
    }
}
