using System.Text;

namespace Recruiting.Boards;

/// <summary>How a setting picks board postings.</summary>
public enum PostingMatchKind
{
    /// <summary>The posting with this board id.</summary>
    Id,

    /// <summary>Postings with this title (compared after width, case and white-space folding, since CSV exports and pages write titles differently).</summary>
    Title,

    /// <summary>Every posting of the board (a catch-all mapping; more specific ones win).</summary>
    Any,
}

/// <summary>Picks board postings by id, by title, or all of them.</summary>
/// <param name="Kind">How it matches.</param>
/// <param name="Value">The id or title; <see langword="null"/> for <see cref="PostingMatchKind.Any"/>.</param>
public sealed record PostingMatch(PostingMatchKind Kind, string? Value)
{
    /// <summary>Gets a match of every posting.</summary>
    public static PostingMatch Any { get; } = new(PostingMatchKind.Any, null);

    /// <summary>Matches the posting with this board id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The match.</returns>
    public static PostingMatch ById(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return new(PostingMatchKind.Id, id);
    }

    /// <summary>Matches postings with this title.</summary>
    /// <param name="title">The title.</param>
    /// <returns>The match.</returns>
    public static PostingMatch ByTitle(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        return new(PostingMatchKind.Title, title);
    }

    /// <summary>Tells whether a posting matches.</summary>
    /// <param name="postingId">The posting's board id, when known.</param>
    /// <param name="postingTitle">The posting's title, when known.</param>
    /// <returns>Whether it matches.</returns>
    public bool Matches(string? postingId, string? postingTitle) => Kind switch
    {
        PostingMatchKind.Any => true,
        PostingMatchKind.Id => postingId is not null && string.Equals(postingId.Trim(), Value?.Trim(), StringComparison.Ordinal),
        PostingMatchKind.Title => postingTitle is not null && Value is not null && string.Equals(FoldTitle(postingTitle), FoldTitle(Value), StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Folds a title for comparison: NFKC (full-width letters and digits become ASCII), lower case, runs of white space made one space, trimmed.</summary>
    /// <param name="title">The title.</param>
    /// <returns>The folded title.</returns>
    public static string FoldTitle(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var normalized = title.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        var space = false;
        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Kind == PostingMatchKind.Any ? "any" : $"{Kind.ToString().ToLowerInvariant()}:{Value}";
}

/// <summary>Maps board postings to the host's job and hiring flow (応募者ファイル取り込み設定).</summary>
/// <param name="Board">The board's service name.</param>
/// <param name="Account">The account it applies to, or <see langword="null"/> for every account of the board.</param>
/// <param name="Posting">The postings it maps.</param>
/// <param name="Job">The host's job.</param>
/// <param name="Flow">The host's hiring flow, when the mapping names one.</param>
public sealed record PostingMapping(string Board, string? Account, PostingMatch Posting, JobId Job, HiringFlowId? Flow = null);

/// <summary>A posting on the active-postings allow-list (有効求人設定): only its applicants are imported by automatic runs.</summary>
/// <param name="Board">The board's service name.</param>
/// <param name="Account">The account it applies to, or <see langword="null"/> for every account of the board.</param>
/// <param name="Posting">The postings allowed.</param>
public sealed record ActivePosting(string Board, string? Account, PostingMatch Posting);

/// <summary>
/// The settings of one board account as a run reads them at its start; edits made during the run take effect from the next run.
/// </summary>
/// <param name="Mappings">The mappings that apply to the account (its own and the board-wide ones).</param>
/// <param name="ActivePostings">The allow-list entries that apply to the account.</param>
/// <param name="GracePeriod">How long after its end a posting's applicants are still imported; <see langword="null"/> means the SDK's default.</param>
public sealed record BoardSettingsSnapshot(IReadOnlyList<PostingMapping> Mappings, IReadOnlyList<ActivePosting> ActivePostings, TimeSpan? GracePeriod)
{
    /// <summary>Finds the mapping of a posting: an account's own mapping before a board-wide one; by id, then by title, then a catch-all.</summary>
    /// <param name="account">The account.</param>
    /// <param name="postingId">The posting's board id, when known.</param>
    /// <param name="postingTitle">The posting's title, when known.</param>
    /// <returns>The mapping, or <see langword="null"/>.</returns>
    public PostingMapping? FindMapping(string account, string? postingId, string? postingTitle)
    {
        PostingMapping? best = null;
        var bestRank = int.MaxValue;
        foreach (var mapping in Mappings)
        {
            if ((mapping.Account is not null && !string.Equals(mapping.Account, account, StringComparison.Ordinal)) || !mapping.Posting.Matches(postingId, postingTitle))
            {
                continue;
            }

            var rank = ((int)mapping.Posting.Kind * 2) + (mapping.Account is null ? 1 : 0);
            if (rank < bestRank)
            {
                best = mapping;
                bestRank = rank;
            }
        }

        return best;
    }

    /// <summary>Tells whether a posting is on the allow-list for an account.</summary>
    /// <param name="account">The account.</param>
    /// <param name="postingId">The posting's board id, when known.</param>
    /// <param name="postingTitle">The posting's title, when known.</param>
    /// <returns>Whether it is allowed.</returns>
    public bool IsActive(string account, string? postingId, string? postingTitle)
        => ActivePostings.Any(a => (a.Account is null || string.Equals(a.Account, account, StringComparison.Ordinal)) && a.Posting.Matches(postingId, postingTitle));
}

/// <summary>Keeps the import settings of the tenants' boards. Implemented by the SDK store (SQLite by default).</summary>
public interface IBoardSettingsStore
{
    /// <summary>Adds or replaces the mapping of a posting match (one mapping per tenant, board, account and match).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="mapping">The mapping.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask SetMappingAsync(TenantId tenant, PostingMapping mapping, CancellationToken cancellationToken = default);

    /// <summary>Removes the mapping of a posting match.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">The board.</param>
    /// <param name="account">The account, or <see langword="null"/> for the board-wide mapping.</param>
    /// <param name="posting">The match.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>Whether one was removed.</returns>
    ValueTask<bool> RemoveMappingAsync(TenantId tenant, string board, string? account, PostingMatch posting, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's mappings.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">Only this board's, when given.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The mappings.</returns>
    ValueTask<IReadOnlyList<PostingMapping>> ListMappingsAsync(TenantId tenant, string? board = null, CancellationToken cancellationToken = default);

    /// <summary>Puts a posting match on the allow-list (a second add changes nothing).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="posting">The entry.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask AddActivePostingAsync(TenantId tenant, ActivePosting posting, CancellationToken cancellationToken = default);

    /// <summary>Takes a posting match off the allow-list.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="posting">The entry.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>Whether one was removed.</returns>
    ValueTask<bool> RemoveActivePostingAsync(TenantId tenant, ActivePosting posting, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's allow-list.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">Only this board's, when given.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The entries.</returns>
    ValueTask<IReadOnlyList<ActivePosting>> ListActivePostingsAsync(TenantId tenant, string? board = null, CancellationToken cancellationToken = default);

    /// <summary>Sets how long after its end a board's posting keeps being imported, or goes back to the SDK's default.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">The board.</param>
    /// <param name="gracePeriod">The period (zero or more), or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask SetGracePeriodAsync(TenantId tenant, string board, TimeSpan? gracePeriod, CancellationToken cancellationToken = default);

    /// <summary>Reads, in one consistent read, every setting that applies to one account.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="board">The board.</param>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The snapshot.</returns>
    ValueTask<BoardSettingsSnapshot> GetSnapshotAsync(TenantId tenant, string board, string account, CancellationToken cancellationToken = default);
}
