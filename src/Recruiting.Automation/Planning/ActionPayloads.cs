using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recruiting.Automation;

/// <summary>A planned effect with everything resolved, as the outbox keeps it (JSON with a <c>kind</c> discriminator).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(EmailPayload), "email")]
[JsonDerivedType(typeof(NotePayload), "note")]
[JsonDerivedType(typeof(TaskPayload), "task")]
[JsonDerivedType(typeof(TagsPayload), "tags")]
[JsonDerivedType(typeof(FollowersPayload), "followers")]
[JsonDerivedType(typeof(AssignJobPayload), "assignJob")]
[JsonDerivedType(typeof(AssignPoolPayload), "assignPool")]
[JsonDerivedType(typeof(SkippedPayload), "skipped")]
internal abstract record ActionPayload
{
    public required CandidateId Candidate { get; init; }

    public UserId? Actor { get; init; }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// Writes the payload as <see cref="JsonSerializer"/> would with <see cref="AutomationJson.Options"/> (the
    /// discriminator, the type's own properties, then the base ones; nulls left out; the same escaping), by hand: a bulk
    /// of 10,000 rejections plans 50,000 payloads, and the polymorphic reflection path cost several times more. A test
    /// holds both to the same output for every kind.
    /// </summary>
    public string Serialize()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString(PayloadJson.Kind, Discriminator);
        WriteOwnProperties(writer);
        writer.WriteString(PayloadJson.Candidate, Candidate.Value);
        if (Actor is { } actor)
        {
            writer.WriteString(PayloadJson.Actor, actor.Value);
        }

        writer.WriteEndObject();
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Gets the <c>kind</c> value of <see cref="JsonDerivedTypeAttribute"/> for this type.</summary>
    private protected abstract JsonEncodedText Discriminator { get; }

    /// <summary>Writes the properties the derived type declares, in declaration order.</summary>
    private protected abstract void WriteOwnProperties(Utf8JsonWriter writer);

    public static ActionPayload Deserialize(string json) => JsonSerializer.Deserialize<ActionPayload>(json, AutomationJson.Options)
        ?? throw new JsonException("An outbox payload is empty.");
}

internal sealed record EmailPayload : ActionPayload
{
    public required UserId Sender { get; init; }

    public required RenderedEmail Email { get; init; }

    private protected override JsonEncodedText Discriminator => PayloadJson.Email;

    private protected override void WriteOwnProperties(Utf8JsonWriter writer)
    {
        writer.WriteString(PayloadJson.Sender, Sender.Value);
        writer.WriteStartObject(PayloadJson.Email);
        writer.WriteString(PayloadJson.From, Email.From);
        PayloadJson.WriteIfNotNull(writer, PayloadJson.FromName, Email.FromName);
        PayloadJson.WriteArray(writer, PayloadJson.To, Email.To);
        writer.WriteString(PayloadJson.Subject, Email.Subject);
        writer.WriteString(PayloadJson.HtmlBody, Email.HtmlBody);
        PayloadJson.WriteIfNotNull(writer, PayloadJson.TextBody, Email.TextBody);
        writer.WriteString(PayloadJson.Language, Email.Language);
        writer.WriteEndObject();
    }
}

internal sealed record NotePayload : ActionPayload
{
    public required string Text { get; init; }

    public bool HiddenFromClients { get; init; } = true;

    private protected override JsonEncodedText Discriminator => PayloadJson.Note;

    private protected override void WriteOwnProperties(Utf8JsonWriter writer)
    {
        writer.WriteString(PayloadJson.Text, Text);
        writer.WriteBoolean(PayloadJson.HiddenFromClients, HiddenFromClients);
    }
}

internal sealed record TaskPayload : ActionPayload
{
    public required string Title { get; init; }

    public string? Description { get; init; }

    public required UserId Assignee { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    private protected override JsonEncodedText Discriminator => PayloadJson.Task;

    private protected override void WriteOwnProperties(Utf8JsonWriter writer)
    {
        writer.WriteString(PayloadJson.Title, Title);
        PayloadJson.WriteIfNotNull(writer, PayloadJson.Description, Description);
        writer.WriteString(PayloadJson.Assignee, Assignee.Value);
        writer.WriteString(PayloadJson.DueAt, DueAt);
    }
}

internal sealed record TagsPayload : ActionPayload
{
    public required IReadOnlyList<string> Tags { get; init; }

    private protected override JsonEncodedText Discriminator => PayloadJson.Tags;

    private protected override void WriteOwnProperties(Utf8JsonWriter writer) => PayloadJson.WriteArray(writer, PayloadJson.Tags, Tags);
}

internal sealed record FollowersPayload : ActionPayload
{
    public required IReadOnlyList<UserId> Followers { get; init; }

    private protected override JsonEncodedText Discriminator => PayloadJson.Followers;

    private protected override void WriteOwnProperties(Utf8JsonWriter writer)
    {
        writer.WriteStartArray(PayloadJson.Followers);
        foreach (var follower in Followers)
        {
            writer.WriteStringValue(follower.Value);
        }

        writer.WriteEndArray();
    }
}

internal sealed record AssignJobPayload : ActionPayload
{
    public required JobId Job { get; init; }

    private protected override JsonEncodedText Discriminator => PayloadJson.AssignJob;

    private protected override void WriteOwnProperties(Utf8JsonWriter writer) => writer.WriteString(PayloadJson.Job, Job.Value);
}

internal sealed record AssignPoolPayload : ActionPayload
{
    public required TalentPoolId Pool { get; init; }

    private protected override JsonEncodedText Discriminator => PayloadJson.AssignPool;

    private protected override void WriteOwnProperties(Utf8JsonWriter writer) => writer.WriteString(PayloadJson.Pool, Pool.Value);
}

internal sealed record SkippedPayload : ActionPayload
{
    public required ActionSkipReason Reason { get; init; }

    private protected override JsonEncodedText Discriminator => PayloadJson.Skipped;

    private protected override void WriteOwnProperties(Utf8JsonWriter writer)
    {
        if (PayloadJson.SkipReason(Reason) is { } name)
        {
            writer.WriteString(PayloadJson.Reason, name);
        }
        else
        {
            writer.WriteNumber(PayloadJson.Reason, (int)Reason); // as the enum converter writes an undeclared value
        }
    }
}

/// <summary>The names <see cref="ActionPayload.Serialize"/> writes, encoded once.</summary>
internal static class PayloadJson
{
    public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    public static readonly JsonEncodedText Candidate = JsonEncodedText.Encode("candidate");
    public static readonly JsonEncodedText Actor = JsonEncodedText.Encode("actor");
    public static readonly JsonEncodedText Email = JsonEncodedText.Encode("email");
    public static readonly JsonEncodedText Note = JsonEncodedText.Encode("note");
    public static readonly JsonEncodedText Task = JsonEncodedText.Encode("task");
    public static readonly JsonEncodedText Tags = JsonEncodedText.Encode("tags");
    public static readonly JsonEncodedText Followers = JsonEncodedText.Encode("followers");
    public static readonly JsonEncodedText AssignJob = JsonEncodedText.Encode("assignJob");
    public static readonly JsonEncodedText AssignPool = JsonEncodedText.Encode("assignPool");
    public static readonly JsonEncodedText Skipped = JsonEncodedText.Encode("skipped");
    public static readonly JsonEncodedText Sender = JsonEncodedText.Encode("sender");
    public static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
    public static readonly JsonEncodedText FromName = JsonEncodedText.Encode("fromName");
    public static readonly JsonEncodedText To = JsonEncodedText.Encode("to");
    public static readonly JsonEncodedText Subject = JsonEncodedText.Encode("subject");
    public static readonly JsonEncodedText HtmlBody = JsonEncodedText.Encode("htmlBody");
    public static readonly JsonEncodedText TextBody = JsonEncodedText.Encode("textBody");
    public static readonly JsonEncodedText Language = JsonEncodedText.Encode("language");
    public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    public static readonly JsonEncodedText HiddenFromClients = JsonEncodedText.Encode("hiddenFromClients");
    public static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    public static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
    public static readonly JsonEncodedText Assignee = JsonEncodedText.Encode("assignee");
    public static readonly JsonEncodedText DueAt = JsonEncodedText.Encode("dueAt");
    public static readonly JsonEncodedText Job = JsonEncodedText.Encode("job");
    public static readonly JsonEncodedText Pool = JsonEncodedText.Encode("pool");
    public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");

    // The names the enum declares with JsonStringEnumMemberName, read once.
    private static readonly Dictionary<ActionSkipReason, JsonEncodedText> SkipReasons = typeof(ActionSkipReason)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .ToDictionary(f => (ActionSkipReason)f.GetValue(null)!, f => JsonEncodedText.Encode(f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(f.Name)));

    public static JsonEncodedText? SkipReason(ActionSkipReason reason) => SkipReasons.TryGetValue(reason, out var name) ? name : null;

    public static void WriteIfNotNull(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    public static void WriteArray(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
