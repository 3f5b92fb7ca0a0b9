using Recruiting.Boards;

namespace Recruiting.Connectors.Boards;

/// <summary>The default <see cref="IBoardFileImporter"/>: the CSV reader feeding a manual import run.</summary>
internal sealed class BoardFileImporter(IBoardRegistry registry, IBoardAccountStore accounts, BoardImportPipeline pipeline) : IBoardFileImporter
{
    public async ValueTask<FileImportResult> ImportFileAsync(TenantId tenant, string board, string account, Stream stream, string? encoding = null, string? sourceName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(stream);

        var registration = registry.Find(board);
        if (registration is null)
        {
            var suggestion = registry.Suggest(board);
            return Failed(FileImportErrorKind.UnknownBoard, suggestion is null
                ? $"'{board}' is not a registered board; use one of: {string.Join(", ", registry.Boards.Select(b => b.ServiceName))}."
                : $"'{board}' is not a registered board; did you mean '{suggestion}'?");
        }

        if (await accounts.GetAsync(tenant, board, account, cancellationToken).ConfigureAwait(false) is null)
        {
            return Failed(FileImportErrorKind.UnknownAccount, $"Tenant '{tenant}' has no account '{account}' on {board}.");
        }

        var zone = await pipeline.GetTimeZoneAsync(tenant, cancellationToken).ConfigureAwait(false);
        var open = await new BoardCsvReader(pipeline.Options.Csv).OpenAsync(stream, registration.CsvColumns, encoding, zone, cancellationToken).ConfigureAwait(false);
        if (open.File is not { } file)
        {
            var error = open.Error!;
            var kind = error.Kind switch
            {
                BoardCsvErrorKind.UnknownEncoding => FileImportErrorKind.UnknownEncoding,
                BoardCsvErrorKind.UndecodableBytes => FileImportErrorKind.UndecodableBytes,
                BoardCsvErrorKind.EmptyFile => FileImportErrorKind.EmptyFile,
                BoardCsvErrorKind.MissingNameColumn => FileImportErrorKind.MissingNameColumn,
                _ => FileImportErrorKind.TooLarge,
            };

            // An unknown encoding name is a mistake of the caller, not of the file: no history entry for it.
            string? failedRun = null;
            if (kind != FileImportErrorKind.UnknownEncoding)
            {
                var run = await pipeline.StartRunAsync(tenant, board, account, ImportTrigger.Manual, sourceName, cancellationToken).ConfigureAwait(false);
                if (run is not null)
                {
                    await using (run.ConfigureAwait(false))
                    {
                        failedRun = (await run.FailAsync(error.Code, error.Message, cancellationToken).ConfigureAwait(false)).Id;
                    }
                }
            }

            return Failed(kind, error.Message) with { RunId = failedRun };
        }

        await using (file.ConfigureAwait(false))
        {
            var run = await pipeline.StartRunAsync(tenant, board, account, ImportTrigger.Manual, sourceName, cancellationToken).ConfigureAwait(false);
            if (run is null)
            {
                return Failed(FileImportErrorKind.UnknownAccount, $"Tenant '{tenant}' has no account '{account}' on {board}.");
            }

            await using (run.ConfigureAwait(false))
            {
                var rejected = new List<RejectedRow>();
                var batchSize = pipeline.Options.FileBatchSize;
                var batch = new List<ApplicantToImport>(batchSize);
                async ValueTask FlushAsync()
                {
                    if (batch.Count == 0)
                    {
                        return;
                    }

                    var outcomes = await run.ImportBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                    for (var i = 0; i < outcomes.Length; i++)
                    {
                        var outcome = outcomes[i];
                        if (outcome.Status is ApplicantImportStatus.Failed or ApplicantImportStatus.NotOnAllowList or ApplicantImportStatus.AccountDeleted)
                        {
                            rejected.Add(new RejectedRow(batch[i].Row!.Value, outcome.Reason ?? "failed", outcome.Detail));
                        }
                    }

                    batch.Clear();
                }

                await foreach (var record in file.ReadRecordsAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (record.Applicant is not { } applicant)
                    {
                        // Records are counted in file order: the rows before it go first.
                        await FlushAsync().ConfigureAwait(false);
                        run.CountRejectedRecord(record.Row, record.RejectReason!, record.Detail);
                        rejected.Add(new RejectedRow(record.Row, record.RejectReason!, record.Detail));
                        continue;
                    }

                    batch.Add(new ApplicantToImport(applicant, null, record.Row));
                    if (batch.Count >= batchSize)
                    {
                        await FlushAsync().ConfigureAwait(false);
                    }
                }

                await FlushAsync().ConfigureAwait(false);
                string? stopped = null;
                if (file.Error is { } late)
                {
                    stopped = late.Code;
                    rejected.Add(new RejectedRow(late.Row ?? run.Counts.Seen + 1, late.Code, late.Message));
                    await run.FailAsync(late.Code, late.Message, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await run.CompleteAsync(cancellationToken).ConfigureAwait(false);
                }

                var counts = run.Counts;
                return new FileImportResult
                {
                    RunId = run.Id,
                    Encoding = CsvEncodings.NameOf(file.Encoding),
                    Seen = counts.Seen,
                    Imported = counts.Imported,
                    Duplicates = counts.Duplicates,
                    Rejected = rejected,
                    StoppedEarly = stopped,
                };
            }
        }
    }

    private static FileImportResult Failed(FileImportErrorKind kind, string message) => new() { Error = new FileImportError(kind, message) };
}
