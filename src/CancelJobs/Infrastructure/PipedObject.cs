using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CancelJobs.Engine.Errors;
using static CancelJobs.Infrastructure.PipedInput;

namespace CancelJobs.Infrastructure
{
    /// <summary>
    /// Steps 3 to 5 of <see cref="PipedInput.Bind"/> for a piped object, dictionary or row: whose it is, which names it
    /// carries, what is left. The helpers binding shares with Get-*'s check come from <see cref="PipedInput"/>.
    /// </summary>
    internal sealed class PipedObject
    {
        private readonly StopCommandShape shape;
        private readonly string prefix;
        private readonly string type;
        private readonly string? owner;
        private readonly Func<string, (bool Found, object? Value)> lookup;
        private readonly string carrier;
        private readonly bool carriesOwnName;
        private readonly bool userMade;

        private PipedObject(StopCommandShape shape, string prefix, PSObject input, string type, string? owner, Func<string, (bool Found, object? Value)> lookup, string carrier)
        {
            this.shape = shape;
            this.prefix = prefix;
            this.type = type;
            this.owner = owner;
            this.lookup = lookup;
            this.carrier = carrier;
            carriesOwnName = shape.DistinctiveNames.Any(name => lookup(name).Found);
            userMade = input.BaseObject is IDictionary || input.BaseObject is PSCustomObject;
        }

        /// <summary>Step 3: null (with the problem) for another service's object by type name, or a collection.</summary>
        public static PipedObject? Read(StopCommandShape shape, string prefix, PSObject input, out InputProblem? problem)
        {
            problem = null;
            var type = IdentifierAttribute.TypeLabel(input);
            var owner = OwnerByTypeName(input);
            if (owner != null && owner != shape.ServiceName)
            {
                problem = CrossService(shape, prefix, $"The piped {DisplayTypeName(input)} is {Article(owner)} {owner} object", OtherCommand(owner, prefix, input));
                return null;
            }
            switch (input.BaseObject)
            {
                case IDictionary dictionary:
                    return new PipedObject(shape, prefix, input, type, owner, name => FindKey(dictionary, name), "key");
                // A collection where one item was expected. Other enumerables (an XML element, whose attributes and
                // children PowerShell shows as properties) bind by property like any object.
                case ICollection _:
                    problem = new InputProblem(ErrorIds.InvalidInputType,
                        $"{Named(shape, prefix)} takes one item per pipeline object; the piped {type} holds several values. Nothing was sent.");
                    return null;
                default:
                    return new PipedObject(shape, prefix, input, type, owner,
                        name => input.Properties[name] is PSPropertyInfo property ? (true, SafeValue(property)) : (false, null), "property");
            }
        }

        /// <summary>
        /// A name several commands share (JobId, Id) is trusted only where the input says whose job it is: this service's
        /// own objects; any object that also carries a name only this command uses; or, on a row or dictionary, the
        /// parameter's own name (IoT's JobId). An IoT export's JobId column alone is not a TwinMaker job id (there it
        /// is only an alias), and any other object's Id (a Process's) is not a job id at all.
        /// </summary>
        private bool Trusted(IdentifierSlot slot, string name) =>
            shape.DistinctiveNames.Contains(name, StringComparer.OrdinalIgnoreCase) || owner == shape.ServiceName || carriesOwnName
            || (userMade && string.Equals(name, slot.Parameter, StringComparison.OrdinalIgnoreCase));

        /// <summary>Step 3, by names: a row or dictionary with only another command's distinctive names is its input.</summary>
        public InputProblem? ForeignCommand()
        {
            // A service's own objects are checked too: an IoT job execution names a thing, and must not cancel its whole job.
            if ((owner != null && owner != shape.ServiceName) || carriesOwnName)
            {
                return null;
            }
            foreach (var other in StopCommandShape.All.Where(other => other != shape))
            {
                var foreignName = other.DistinctiveNames.FirstOrDefault(name => lookup(name).Found);
                if (foreignName != null)
                {
                    return CrossService(shape, prefix, $"The piped {type} has a {foreignName} {carrier}, so it is input for {Named(other, prefix)}", Named(other, prefix));
                }
            }
            return null;
        }

        private (IdentifierSlot Slot, string Name)? untrusted;

        /// <summary>Step 4: each open identifier from the first trusted name that carries a value (name, then aliases).</summary>
        public InputProblem? BindByName(object cmdlet, List<IdentifierSlot> open, out int bound)
        {
            bound = 0;
            foreach (var slot in open.ToList())
            {
                foreach (var name in slot.Names)
                {
                    var (found, value) = lookup(name);
                    if (!found || value == null)
                    {
                        continue;
                    }
                    if (!Trusted(slot, name))
                    {
                        untrusted ??= (slot, name);
                        continue;
                    }
                    if (!IdentifierAttribute.TryText(value, out var valueText))
                    {
                        var valueType = IdentifierAttribute.TypeLabel(value);
                        return new InputProblem(ErrorIds.InvalidInputType,
                            $"The piped {type}'s {name} {carrier} is {Article(valueType)} {valueType}; -{slot.Parameter} takes one string or number. Nothing was sent.");
                    }
                    if (Disagreeing(slot, name, valueText, lookup, Trusted) is { } other)
                    {
                        return new InputProblem(ErrorIds.AmbiguousInput,
                            $"The piped {type} names two different values for -{slot.Parameter}: its {name} {carrier} is '{valueText}' and its {other.Name} {carrier} is "
                            + $"'{other.Text}'. Nothing was sent; make them agree, remove one, or give -{slot.Parameter}.");
                    }
                    slot.Set(cmdlet, valueText);
                    open.Remove(slot);
                    bound++;
                    break;
                }
            }
            return null;
        }

        /// <summary>Step 5: why identifiers are still missing: a shared name alone, nothing usable at all, or some missing.</summary>
        public InputProblem Unbound(List<IdentifierSlot> open, int bound)
        {
            if (userMade && untrusted is (var slotOfShared, var shared) && open.Contains(slotOfShared))
            {
                var alsoFor = StopCommandShape.All
                    .Where(other => other != shape && other.Slots.Any(slot => slot.Names.Contains(shared, StringComparer.OrdinalIgnoreCase)))
                    .Select(other => Named(other, prefix));
                return new InputProblem(ErrorIds.AmbiguousInput,
                    $"{Named(shape, prefix)} does not take the piped {type}'s {shared} {carrier} on its own: {shared} is also an identifier of "
                    + $"{string.Join(" and ", alsoFor)}, so it does not say which service's job this is. Name it {slotOfShared.Parameter}, "
                    + $"or give -{slotOfShared.Parameter}. Nothing was sent.");
            }
            if (bound == 0 && open.Count == shape.Slots.Count)
            {
                return new InputProblem(ErrorIds.InvalidInputType,
                    $"{Named(shape, prefix)} cannot use the piped {type}: it has no {string.Join(", ", open.Select(slot => NameList(slot, carrier)))}. "
                    + "Pipe strings, or objects or hashtables that carry the identifiers. Nothing was sent.");
            }
            return Missing(shape, prefix, open, $"the piped {type} has no {string.Join(", ", open.Select(slot => NameList(slot, carrier)))}");
        }

        /// <summary>
        /// Another of the slot's names on the same object whose value names something else (ThingName vs the thing in
        /// ThingArn, DomainIdentifier vs DomainId…), or null when all agree. Sending either would be a guess.
        /// </summary>
        private static (string Name, string Text)? Disagreeing(IdentifierSlot slot, string boundName, string boundText,
            Func<string, (bool Found, object? Value)> lookup, Func<IdentifierSlot, string, bool> trusted)
        {
            foreach (var name in slot.Names)
            {
                if (string.Equals(name, boundName, StringComparison.OrdinalIgnoreCase) || !trusted(slot, name))
                {
                    continue;
                }
                var (found, value) = lookup(name);
                if (!found || value == null || !IdentifierAttribute.TryText(value, out var text) || text.Length == 0)
                {
                    continue;
                }
                if (!SameThing(boundText, text))
                {
                    return (name, text);
                }
            }
            return null;
        }

        /// <summary>The owning service named by a CancelJobs record type or an AWS Tools model type, or null for neither.</summary>
        private static string? OwnerByTypeName(PSObject input)
        {
            foreach (var raw in input.TypeNames)
            {
                var name = Unprefixed(raw);
                if (name.StartsWith("CancelJobs.Engine.", StringComparison.Ordinal))
                {
                    var owner = StopCommandShape.All.FirstOrDefault(shape => name.StartsWith(shape.RecordNamespace + ".", StringComparison.Ordinal));
                    if (owner != null)
                    {
                        return owner.ServiceName;
                    }
                }
                else if (name.StartsWith("Amazon.", StringComparison.Ordinal))
                {
                    var parts = name.Split('.');
                    if (parts.Length >= 4 && parts[2] == "Model")
                    {
                        return parts[1];
                    }
                }
            }
            return null;
        }

        private static string DisplayTypeName(PSObject input) => input.TypeNames.Count > 0 ? Unprefixed(input.TypeNames[0]) : IdentifierAttribute.TypeLabel(input);

        // Import-Csv marks typed rows "CSV:", deserialized objects (remoting, Import-Clixml) carry "Deserialized.", and
        // Select-Object's copies "Selected."; they stack ("CSV:Selected.", "Deserialized.Selected.").
        private static readonly string[] TypeNamePrefixes = { "CSV:", "Deserialized.", "Selected." };

        private static string Unprefixed(string typeName)
        {
            var stripped = true;
            while (stripped)
            {
                stripped = false;
                foreach (var prefix in TypeNamePrefixes)
                {
                    if (typeName.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        typeName = typeName.Substring(prefix.Length);
                        stripped = true;
                    }
                }
            }
            return typeName;
        }

        /// <summary>
        /// The command of <paramref name="serviceName"/> an object is for, where a service has several (IoT's jobs and job
        /// executions): the one its type is named after (IoTJobExecution…), else the one whose identifiers it carries most of.
        /// </summary>
        private static string OtherCommand(string serviceName, string prefix, PSObject input)
        {
            var typeName = input.TypeNames.Count > 0 ? Unprefixed(input.TypeNames[0]) : "";
            var simpleName = typeName.Substring(typeName.LastIndexOf('.') + 1);
            string Noun(StopCommandShape shape) => shape.CommandName.Substring(shape.CommandName.IndexOf('-') + 1);
            var other = StopCommandShape.All.Where(shape => shape.ServiceName == serviceName)
                .OrderByDescending(shape => simpleName.StartsWith(Noun(shape), StringComparison.Ordinal) ? Noun(shape).Length : 0)
                .ThenByDescending(shape => shape.Slots.Count(slot => slot.Names.Any(name => input.Properties[name] != null)) / (double)Math.Max(1, shape.Slots.Count))
                .FirstOrDefault();
            return other != null ? Named(other, prefix) : "another command";
        }

        private static InputProblem CrossService(StopCommandShape shape, string prefix, string what, string otherCommand) =>
            new InputProblem(ErrorIds.CrossServiceInput,
                $"{what}, not input for {Named(shape, prefix)}. Nothing was sent; pipe it to {otherCommand} instead, or pass the identifiers explicitly.");

        private static string NameList(IdentifierSlot slot, string carrier) =>
            slot.Names.Count == 1 ? $"{slot.Parameter} {carrier}" : $"{slot.Parameter} {carrier} (nor {string.Join(", ", slot.Names.Skip(1))})";
    }
}
