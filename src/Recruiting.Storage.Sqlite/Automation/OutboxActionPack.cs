using System.Text;
using Recruiting.Automation;

namespace Recruiting.Storage.Sqlite;

/// <summary>
/// A rejection's newly recorded actions packed into one value (schema v3: a row of <c>automation_action_packs</c> that
/// the rejection points to). Recording a bulk of 10,000 rejections with 5 actions each then appends 10,000 packs
/// instead of inserting 50,000 action rows into a keyed table with three indexes. The store expands a pack into its <c>automation_actions</c> rows, in one transaction, as soon as anything
/// needs them one by one: a host-sync claim, a due claim, a cancel or an un-reject; reads decode packs in memory.
/// Layout: version byte, count, then per action: index, kind, state, due, rule id, payload, detail, attempts, updated
/// (times as Unix milliseconds like every other column of the store; strings as UTF-8 with a length prefix).
/// </summary>
internal static class OutboxActionPack
{
    private const byte Version = 1;

    /// <summary>Packs actions of one rejection, after checking they belong to it and their indexes are distinct.</summary>
    /// <exception cref="ArgumentException">An action belongs to another rejection or repeats an index.</exception>
    public static byte[] Encode(RejectionRecord rejection, IReadOnlyList<OutboxAction> actions)
    {
        var seen = new HashSet<int>();
        using var buffer = new MemoryStream(64 + (actions.Count * 256));
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write7BitEncodedInt(actions.Count);
            foreach (var action in actions)
            {
                if (action.Tenant != rejection.Tenant || !string.Equals(action.RejectionId, rejection.RejectionId, StringComparison.Ordinal) || action.Application != rejection.Application)
                {
                    throw new ArgumentException($"Action {action.ActionIndex} of rejection '{rejection.RejectionId}' names another tenant, rejection or application.", nameof(actions));
                }

                if (!seen.Add(action.ActionIndex))
                {
                    throw new ArgumentException($"Rejection '{rejection.RejectionId}' has two actions with index {action.ActionIndex}.", nameof(actions));
                }

                writer.Write7BitEncodedInt(action.ActionIndex);
                writer.Write7BitEncodedInt((int)action.Kind);
                writer.Write7BitEncodedInt((int)action.State);
                writer.Write(SqliteDatabase.ToDb(action.DueAt));
                writer.Write(action.RuleId);
                writer.Write(action.Payload);
                writer.Write(action.Detail is not null);
                if (action.Detail is not null)
                {
                    writer.Write(action.Detail);
                }

                writer.Write7BitEncodedInt(action.Attempts);
                writer.Write(SqliteDatabase.ToDb(action.UpdatedAt));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>When a pack must be expanded at the latest for its actions to be claimed on time: its first pending action's due time.</summary>
    public static DateTimeOffset DueOf(RejectionRecord rejection, IReadOnlyList<OutboxAction> actions)
    {
        DateTimeOffset? first = null;
        foreach (var action in actions)
        {
            if (action.State == AutomatedActionState.Pending && (first is null || action.DueAt < first))
            {
                first = action.DueAt;
            }
        }

        return first ?? rejection.RejectedAt;
    }

    /// <summary>Reads a pack back into the actions of its rejection, in index order.</summary>
    /// <exception cref="InvalidDataException">The value is not a pack this code wrote.</exception>
    public static List<OutboxAction> Decode(byte[] pack, TenantId tenant, string rejectionId, ApplicationId application)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(pack, writable: false), Encoding.UTF8);
            var version = reader.ReadByte();
            if (version != Version)
            {
                throw new InvalidDataException($"The actions of rejection '{rejectionId}' are packed in version {version}, which this code does not read.");
            }

            var count = reader.Read7BitEncodedInt();
            var actions = new List<OutboxAction>(count);
            for (var i = 0; i < count; i++)
            {
                var index = reader.Read7BitEncodedInt();
                var kind = (AutomatedActionKind)reader.Read7BitEncodedInt();
                var state = (AutomatedActionState)reader.Read7BitEncodedInt();
                var due = SqliteDatabase.FromDb(reader.ReadInt64());
                var ruleId = reader.ReadString();
                var payload = reader.ReadString();
                var detail = reader.ReadBoolean() ? reader.ReadString() : null;
                var attempts = reader.Read7BitEncodedInt();
                var updated = SqliteDatabase.FromDb(reader.ReadInt64());
                actions.Add(new OutboxAction
                {
                    Tenant = tenant,
                    RejectionId = rejectionId,
                    ActionIndex = index,
                    Application = application,
                    Kind = kind,
                    State = state,
                    DueAt = due,
                    RuleId = ruleId,
                    Payload = payload,
                    Detail = detail,
                    Attempts = attempts,
                    UpdatedAt = updated,
                });
            }

            actions.Sort(static (a, b) => a.ActionIndex.CompareTo(b.ActionIndex));
            return actions;
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"The packed actions of rejection '{rejectionId}' are truncated.", ex);
        }
    }
}
