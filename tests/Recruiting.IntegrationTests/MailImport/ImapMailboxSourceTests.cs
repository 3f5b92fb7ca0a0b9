using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Recruiting.MailImport;
using Recruiting.MailImport.Importing;
using Recruiting.MailImport.Sources;
using Recruiting.Testing;

namespace Recruiting.IntegrationTests.MailImport;

[Collection(DovecotCollection.Name)]
public sealed class ImapMailboxSourceTests : IAsyncLifetime
{
    private static readonly TenantId Demo = new("demo");
    private readonly DovecotFixture _dovecot;
    private readonly TestTempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(TestServices.Start);
    private readonly InMemoryHost _host = new();
    private readonly string _user;
    private ServiceProvider _services = null!;

    public ImapMailboxSourceTests(DovecotFixture dovecot)
    {
        _dovecot = dovecot;
        _user = dovecot.NextUser();
    }

    public async Task InitializeAsync()
    {
        _host.AddTenant("demo", "Europe/Berlin");
        var hr = _host.AddUser(Demo, "u-hr", "hr@demo.example", roles: [Roles.HrManager]);
        var candidate = _host.AddCandidate(Demo, "c-1", new CandidateProfile { Name = new PersonName("Max Mustermann") });
        _host.AddApplication(Demo, "a-123", "2024-000123", candidate.Id, null, [hr.Id]);
        var services = TestServices.Create(_host, _time);
        services.AddRecruiting().UseSqliteStorage(_dir.File("recruiting.db")).AddMailImport(o => o.DefaultSenderVerification = SenderVerification.AllowList);
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<ITenantMailSettingsStore>().SaveAsync(new TenantMailSettings { Tenant = Demo, ImportAddresses = ["import@demo.example"], AllowedSenders = ["demo.example"] });
        await _services.GetRequiredService<ISecretStore>().SetAsync(Demo, "mail/imap/password", DovecotFixture.Password);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _dir.Dispose();
    }

    private ImapMailboxOptions Options(Action<ImapMailboxOptions>? configure = null)
    {
        var options = new ImapMailboxOptions
        {
            Name = "imap:" + _user,
            Tenant = "demo",
            Host = "127.0.0.1",
            Port = _dovecot.Port,
            Security = ImapSecurity.None,
            UserName = _user,
            PasswordSecretName = "mail/imap/password",
        };
        configure?.Invoke(options);
        return options;
    }

    private ImapMailboxSource Source(ImapMailboxOptions options, IMailImporter? importer = null) => new(
        importer ?? _services.GetRequiredService<IMailImporter>(),
        _services.GetRequiredService<IMailboxCheckpointStore>(),
        _services.GetRequiredService<ISecretStore>(),
        options,
        _time,
        _services.GetRequiredService<ILogger<ImapMailboxSource>>());

    private static MimeMessage Reply(string candidateId, string subject = "2024-000123 WG: Re: Ihre Bewerbung", string from = "hr@demo.example", int attachmentBytes = 3000)
    {
        var original = new MimeMessage();
        original.From.Add(new MailboxAddress("Max Mustermann", "max@candidate.example"));
        original.To.Add(new MailboxAddress("HR", "hr@demo.example"));
        original.Subject = "Re: Ihre Bewerbung";
        original.MessageId = candidateId;
        original.Date = TestServices.Start.AddDays(-1);
        var pdf = new byte[attachmentBytes];
        new Random(attachmentBytes).NextBytes(pdf);
        "%PDF-1.4"u8.CopyTo(pdf);
        original.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "Anbei mein Lebenslauf." },
            new MimePart("application", "pdf") { Content = new MimeContent(new MemoryStream(pdf)), ContentDisposition = new ContentDisposition(ContentDisposition.Attachment), ContentTransferEncoding = ContentEncoding.Base64, FileName = "Lebenslauf.pdf" },
        };
        var forward = new MimeMessage();
        forward.From.Add(new MailboxAddress("HR", from));
        forward.To.Add(new MailboxAddress("Import", "import@demo.example"));
        forward.Subject = subject;
        forward.MessageId = "fwd-" + candidateId;
        forward.Body = new Multipart("mixed") { new TextPart("plain") { Text = "Bitte ablegen." }, new MessagePart { Message = original } };
        return forward;
    }

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", _dovecot.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(_user, DovecotFixture.Password);
        return client;
    }

    private async Task AppendAsync(params MimeMessage[] messages)
    {
        using var client = await ConnectAsync();
        foreach (var message in messages)
        {
            await client.Inbox.AppendAsync(message);
        }

        await client.DisconnectAsync(true);
    }

    private async Task<Dictionary<string, int>> CountsAsync(params string[] folders)
    {
        using var client = await ConnectAsync();
        var counts = new Dictionary<string, int>();
        foreach (var name in folders)
        {
            var folder = await client.GetFolderAsync(name);
            await folder.OpenAsync(FolderAccess.ReadOnly);
            counts[name] = folder.Count;
            await folder.CloseAsync();
        }

        await client.DisconnectAsync(true);
        return counts;
    }

    [Fact]
    public async Task Imports_each_message_and_moves_it_only_after_its_outcome()
    {
        await AppendAsync(Reply("<m1@candidate.example>"), Reply("<m2@candidate.example>", from: "mallory@evil.example"));

        var items = await Source(Options()).RunOnceAsync();

        items.Select(i => i.Outcome.Status).Should().Equal(ImportStatus.Imported, ImportStatus.Quarantined);
        items[1].Outcome.Reason.Should().Be(MailImportReason.SenderNotAllowed);
        (await CountsAsync("INBOX", "Imported", "Quarantine")).Should().Equal(new Dictionary<string, int> { ["INBOX"] = 0, ["Imported"] = 1, ["Quarantine"] = 1 });
        _host.History.Should().ContainSingle();
        _host.Documents.Should().ContainSingle().Which.Document.Kind.Should().Be(DocumentKind.Cv);
        var checkpoint = await _services.GetRequiredService<IMailboxCheckpointStore>().GetAsync("imap:" + _user);
        checkpoint!.LastUid.Should().Be(items[1].Uid);
        checkpoint.UidValidity.Should().NotBe(0u);
        (await Source(Options()).RunOnceAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_crash_between_import_and_move_is_resumed_without_loss_or_double()
    {
        await AppendAsync(Reply("<c1@candidate.example>"), Reply("<c2@candidate.example>"), Reply("<c3@candidate.example>"));
        var crashing = new CrashAfterImporter(_services.GetRequiredService<IMailImporter>(), crashAfterCall: 2);

        var crashed = async () => await Source(Options(), crashing).RunOnceAsync();
        await crashed.Should().ThrowAsync<IOException>();
        _host.History.Should().HaveCount(2, "the second import was committed before the crash");
        (await CountsAsync("INBOX", "Imported"))["INBOX"].Should().Be(2, "the second message was not moved");

        var items = await Source(Options()).RunOnceAsync();

        items.Select(i => i.Outcome.Status).Should().Equal(ImportStatus.Duplicate, ImportStatus.Imported);
        _host.History.Should().HaveCount(3);
        _host.Documents.Should().HaveCount(3);
        (await CountsAsync("INBOX", "Imported")).Should().Equal(new Dictionary<string, int> { ["INBOX"] = 0, ["Imported"] = 3 });
    }

    [Fact]
    public async Task Flag_mode_leaves_messages_in_place_and_reads_each_once()
    {
        await AppendAsync(Reply("<f1@candidate.example>"), Reply("<f2@candidate.example>", subject: "no reference here"));
        var options = Options(o => o.AfterImport = ImapAfterImport.Flag);

        var first = await Source(options).RunOnceAsync();
        await AppendAsync(Reply("<f3@candidate.example>"));
        var second = await Source(options).RunOnceAsync();

        first.Select(i => i.Outcome.Status).Should().Equal(ImportStatus.Imported, ImportStatus.Quarantined);
        second.Should().ContainSingle().Which.Outcome.Status.Should().Be(ImportStatus.Imported);
        using var client = await ConnectAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        client.Inbox.Count.Should().Be(3);
        (await client.Inbox.SearchAsync(SearchQuery.HasKeyword(ImapMailboxSource.ImportedKeyword))).Should().HaveCount(2);
        (await client.Inbox.SearchAsync(SearchQuery.HasKeyword(ImapMailboxSource.QuarantinedKeyword))).Should().HaveCount(1);
        (await client.Inbox.SearchAsync(SearchQuery.NotSeen)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_new_uidvalidity_invalidates_the_checkpoint()
    {
        await AppendAsync(Reply("<v1@candidate.example>"));
        var options = Options(o => o.AfterImport = ImapAfterImport.Flag);
        await _services.GetRequiredService<IMailboxCheckpointStore>().SaveAsync(options.Name, new MailboxCheckpoint(12345, 999, _time.GetUtcNow()));

        var items = await Source(options).RunOnceAsync();

        items.Should().ContainSingle().Which.Outcome.Status.Should().Be(ImportStatus.Imported);
        (await _services.GetRequiredService<IMailboxCheckpointStore>().GetAsync(options.Name))!.UidValidity.Should().NotBe(12345u);
    }

    [Fact]
    public async Task A_large_message_is_fetched_in_chunks_and_arrives_intact()
    {
        await AppendAsync(Reply("<big@candidate.example>", attachmentBytes: 300_000));

        var items = await Source(Options(o => o.FetchChunkBytes = 8192)).RunOnceAsync();

        items.Should().ContainSingle().Which.Outcome.Status.Should().Be(ImportStatus.Imported);
        var content = _host.Documents.Single().Content;
        content.Should().HaveCount(300_000);
        content.Take(8).Should().Equal("%PDF-1.4"u8.ToArray());
    }

    [Fact]
    public async Task A_message_over_the_download_limit_is_left_quarantined_in_the_mailbox_and_does_not_block_the_next()
    {
        await AppendAsync(Reply("<huge@candidate.example>", attachmentBytes: 200_000), Reply("<small@candidate.example>"));

        var items = await Source(Options(o => o.MaxDownloadBytes = 64 * 1024)).RunOnceAsync();

        items.Select(i => i.Outcome.Status).Should().Equal(ImportStatus.Quarantined, ImportStatus.Imported);
        items[0].Outcome.Reason.Should().Be(MailImportReason.TooLarge);
        items[0].Outcome.Detail.Should().Contain("65536").And.Contain("Quarantine");
        (await CountsAsync("INBOX", "Imported", "Quarantine")).Should().Equal(new Dictionary<string, int> { ["INBOX"] = 0, ["Imported"] = 1, ["Quarantine"] = 1 });
        _host.History.Should().ContainSingle("only the small reply was imported");
        (await Source(Options()).RunOnceAsync()).Should().BeEmpty("the checkpoint moved past both");
    }

    [Fact]
    public async Task A_missing_password_secret_fails_clearly()
    {
        var run = async () => await Source(Options(o => o.PasswordSecretName = "mail/imap/none")).RunOnceAsync();

        await run.Should().ThrowAsync<ImapSourceException>().WithMessage("*mail/imap/none*");
    }

    [Fact]
    public async Task The_hosted_worker_imports_mail_that_arrives_while_it_idles()
    {
        var imported = new TaskCompletionSource<MailReplyImported>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new SignalSink(imported);
        var services = TestServices.Create(_host, _time);
        var errors = new ErrorLog();
        services.AddLogging(b => b.AddProvider(errors).SetMinimumLevel(LogLevel.Information));
        services.AddSingleton<IRecruitingEventSink>(sink);
        services.AddRecruiting().UseSqliteStorage(_dir.File("worker.db")).AddMailImport(o => o.DefaultSenderVerification = SenderVerification.AllowList)
            .AddImapMailbox(o =>
            {
                o.Name = "imap:" + _user;
                o.Tenant = "demo";
                o.Host = "127.0.0.1";
                o.Port = _dovecot.Port;
                o.Security = ImapSecurity.None;
                o.UserName = _user;
                o.PasswordSecretName = "mail/imap/password";
            });
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ITenantMailSettingsStore>().SaveAsync(new TenantMailSettings { Tenant = Demo, ImportAddresses = ["import@demo.example"], AllowedSenders = ["demo.example"] });
        await provider.GetRequiredService<ISecretStore>().SetAsync(Demo, "mail/imap/password", DovecotFixture.Password);
        var worker = provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ImapMailboxWorker>().Single();

        await worker.StartAsync(CancellationToken.None);
        try
        {
            await AppendAsync(Reply("<idle@candidate.example>"));
            Task finished;
            try
            {
                finished = await Task.WhenAny(imported.Task, errors.First.Task).WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                Assert.Fail("No import within 60 s; log: " + string.Join(" | ", errors.All));
                throw;
            }

            if (finished == errors.First.Task)
            {
                Assert.Fail("The worker failed: " + await errors.First.Task);
            }

            var reply = await imported.Task;
            reply.Reference.Value.Should().Be("2024-000123");
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        _host.History.Should().ContainSingle();
    }

    private sealed class ErrorLog : ILoggerProvider, ILogger
    {
        public TaskCompletionSource<string> First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ILogger CreateLogger(string categoryName) => this;

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public List<string> All { get; } = [];

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (All)
            {
                All.Add(formatter(state, exception));
            }

            if (logLevel >= LogLevel.Error)
            {
                First.TrySetResult(formatter(state, exception) + " " + exception);
            }
        }
    }

    private sealed class SignalSink(TaskCompletionSource<MailReplyImported> signal) : IRecruitingEventSink
    {
        public ValueTask PublishAsync(RecruitingEvent recruitingEvent, CancellationToken cancellationToken = default)
        {
            if (recruitingEvent is MailReplyImported imported)
            {
                signal.TrySetResult(imported);
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Lets the real importer commit, then "kills the process" on the given call.</summary>
    private sealed class CrashAfterImporter(IMailImporter inner, int crashAfterCall) : IMailImporter
    {
        private int _calls;

        public async Task<ImportOutcome> ImportAsync(TenantId tenant, Stream raw, CancellationToken cancellationToken = default)
        {
            var outcome = await inner.ImportAsync(tenant, raw, cancellationToken);
            return ++_calls == crashAfterCall ? throw new IOException("process killed after the import was committed") : outcome;
        }

        public Task<ImportOutcome> ImportAsync(string importAddress, Stream raw, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ImportOutcome> ImportAsync(Stream raw, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ImportOutcome?> ReplayAsync(string quarantineId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
