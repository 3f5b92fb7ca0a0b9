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

    public string Serialize() => JsonSerializer.Serialize(this, AutomationJson.Options);

    public static ActionPayload Deserialize(string json) => JsonSerializer.Deserialize<ActionPayload>(json, AutomationJson.Options)
        ?? throw new JsonException("An outbox payload is empty.");
}

internal sealed record EmailPayload : ActionPayload
{
    public required UserId Sender { get; init; }

    public required RenderedEmail Email { get; init; }
}

internal sealed record NotePayload : ActionPayload
{
    public required string Text { get; init; }

    public bool HiddenFromClients { get; init; } = true;
}

internal sealed record TaskPayload : ActionPayload
{
    public required string Title { get; init; }

    public string? Description { get; init; }

    public required UserId Assignee { get; init; }

    public required DateTimeOffset DueAt { get; init; }
}

internal sealed record TagsPayload : ActionPayload
{
    public required IReadOnlyList<string> Tags { get; init; }
}

internal sealed record FollowersPayload : ActionPayload
{
    public required IReadOnlyList<UserId> Followers { get; init; }
}

internal sealed record AssignJobPayload : ActionPayload
{
    public required JobId Job { get; init; }
}

internal sealed record AssignPoolPayload : ActionPayload
{
    public required TalentPoolId Pool { get; init; }
}

internal sealed record SkippedPayload : ActionPayload
{
    public required ActionSkipReason Reason { get; init; }
}
