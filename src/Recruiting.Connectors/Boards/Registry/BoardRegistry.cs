using System.Text;

namespace Recruiting.Connectors.Boards;

/// <summary>The boards known to the SDK, found by their exact service name.</summary>
public interface IBoardRegistry
{
    /// <summary>Gets every registered board, in registration order.</summary>
    IReadOnlyList<BoardRegistration> Boards { get; }

    /// <summary>Finds a board by its exact service name (ordinal: <c>doda assist</c> or <c>ｔｙｐｅ</c> are not <c>doda Assist</c> or <c>type</c>).</summary>
    /// <param name="serviceName">The service name.</param>
    /// <returns>The board, or <see langword="null"/>.</returns>
    BoardRegistration? Find(string serviceName);

    /// <summary>Finds the registered name a mistyped one was probably meant to be (same text after width, case and space folding).</summary>
    /// <param name="serviceName">The name as given.</param>
    /// <returns>The registered name, or <see langword="null"/> when none is close.</returns>
    string? Suggest(string serviceName);
}

/// <summary>The default registry: the six boards of <see cref="BoardNames"/> plus any the host adds.</summary>
public sealed class BoardRegistry : IBoardRegistry
{
    private readonly Dictionary<string, BoardRegistration> _byName;

    /// <summary>Initializes a new instance of the <see cref="BoardRegistry"/> class.</summary>
    /// <param name="boards">The boards.</param>
    /// <exception cref="ArgumentException">Two boards share a service name.</exception>
    public BoardRegistry(IEnumerable<BoardRegistration> boards)
    {
        ArgumentNullException.ThrowIfNull(boards);
        Boards = [.. boards];
        _byName = new Dictionary<string, BoardRegistration>(StringComparer.Ordinal);
        foreach (var board in Boards)
        {
            if (!_byName.TryAdd(board.ServiceName, board))
            {
                throw new ArgumentException($"Board '{board.ServiceName}' is registered twice.", nameof(boards));
            }
        }
    }

    /// <summary>Gets the boards registered by default.</summary>
    public static IReadOnlyList<BoardRegistration> DefaultBoards { get; } =
    [
        new(BoardNames.MynaviTenshoku),
        new(BoardNames.EnTenshoku),
        new(BoardNames.DodaAssist),
        new(BoardNames.Type),
        new(BoardNames.WomensType),
        new(BoardNames.ReShukatsu, [new BoardAccountField(BoardNames.PersonInChargeIdField, "担当者ID")]),
    ];

    /// <summary>Gets a registry of the default boards.</summary>
    public static BoardRegistry Default { get; } = new(DefaultBoards);

    /// <inheritdoc />
    public IReadOnlyList<BoardRegistration> Boards { get; }

    /// <inheritdoc />
    public BoardRegistration? Find(string serviceName)
        => serviceName is not null && _byName.TryGetValue(serviceName, out var board) ? board : null;

    /// <inheritdoc />
    public string? Suggest(string serviceName)
    {
        if (string.IsNullOrWhiteSpace(serviceName))
        {
            return null;
        }

        var folded = Fold(serviceName);
        return Boards.FirstOrDefault(b => string.Equals(Fold(b.ServiceName), folded, StringComparison.Ordinal))?.ServiceName;
    }

    private static string Fold(string value)
    {
        var normalized = value.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
