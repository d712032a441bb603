using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RadiologyNet.Client.Tests.Review;

/// <summary>What a page load showed: every request, failed loads, the images and whether each decoded, a screenshot.</summary>
/// <param name="RequestedUrls">Every URL the page requested (Network.requestWillBeSent), the page itself included.</param>
/// <param name="FailedRequests">URL and error text of every request that failed (Network.loadingFailed).</param>
/// <param name="Images">Number of <c>document.images</c>.</param>
/// <param name="BrokenImages">The src of every image that is not complete with a natural width above 0.</param>
/// <param name="Screenshot">PNG of the viewport.</param>
public sealed record PageVisit(IReadOnlyList<string> RequestedUrls, IReadOnlyList<string> FailedRequests, int Images, IReadOnlyList<string> BrokenImages, byte[] Screenshot);

/// <summary>
/// Debian's <c>/usr/bin/chromium</c>, headless, driven over the Chrome DevTools Protocol with a
/// <see cref="ClientWebSocket"/> (no Playwright, no browser download). A fresh profile per instance; the
/// background-networking flags keep Chromium from calling home (on this machine those connections are refused).
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly StringBuilder _stderr = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _receiver = Task.CompletedTask;
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Raised for every protocol event: method, params, session id.</summary>
    private event Action<string, JsonElement, string?>? EventReceived;

    /// <summary>True when the Debian package is installed.</summary>
    public static bool IsInstalled => File.Exists(Executable);

    /// <summary>Starts Chromium with a fresh profile and connects to its browser endpoint.</summary>
    public static async Task<HeadlessChromium> LaunchAsync(int width, int height)
    {
        var profile = Path.Combine(Path.GetTempPath(), "radnet-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--user-data-dir={profile}", "--remote-debugging-port=0", $"--window-size={width},{height}", "--hide-scrollbars",
            "about:blank",
        }) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Executable}");
        var browser = new HeadlessChromium(process, profile);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (browser._stderr) browser._stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await browser.ConnectAsync();
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
        return browser;
    }

    private async Task ConnectAsync()
    {
        // Chromium writes the chosen port and the browser target's path into the profile once it listens.
        var portFile = Path.Combine(_profile, "DevToolsActivePort");
        var deadline = DateTime.UtcNow + Timeout;
        string[] lines = [];
        while (lines.Length < 2)
        {
            if (_process.HasExited) throw new InvalidOperationException($"chromium exited with {_process.ExitCode}: {Stderr}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"chromium wrote no DevToolsActivePort within {Timeout.TotalSeconds} s: {Stderr}");
            await Task.Delay(100);
            try { if (File.Exists(portFile)) lines = (await File.ReadAllLinesAsync(portFile)).Where(l => l.Length > 0).ToArray(); }
            catch (IOException) { }
        }
        using var connect = new CancellationTokenSource(Timeout);
        await _socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0].Trim()}{lines[1].Trim()}"), connect.Token);
        _receiver = Task.Run(ReceiveLoop);
    }

    private string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Opens <paramref name="file"/> from disk in a new tab of the given viewport, waits for its load event and inspects it.</summary>
    public async Task<PageVisit> VisitAsync(string file, int width, int height)
    {
        var requests = new ConcurrentQueue<string>();
        var urls = new ConcurrentDictionary<string, string>();
        var failures = new ConcurrentQueue<string>();
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string? session = null;
        void OnEvent(string method, JsonElement p, string? fromSession)
        {
            if (fromSession is null || fromSession != Volatile.Read(ref session)) return;
            switch (method)
            {
                case "Network.requestWillBeSent":
                    var url = p.GetProperty("request").GetProperty("url").GetString() ?? "";
                    requests.Enqueue(url);
                    urls[p.GetProperty("requestId").GetString() ?? ""] = url;
                    break;
                case "Network.loadingFailed":
                    var id = p.GetProperty("requestId").GetString() ?? "";
                    failures.Enqueue($"{urls.GetValueOrDefault(id, id)}: {p.GetProperty("errorText").GetString()}");
                    break;
                case "Page.loadEventFired":
                    loaded.TrySetResult();
                    break;
            }
        }

        EventReceived += OnEvent;
        try
        {
            var target = (await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" })).GetProperty("targetId").GetString();
            var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target, ["flatten"] = true });
            Volatile.Write(ref session, attached.GetProperty("sessionId").GetString());
            try
            {
                await SendAsync("Network.enable", new JsonObject(), session);
                await SendAsync("Page.enable", new JsonObject(), session);
                await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject
                {
                    ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false,
                }, session);
                var navigation = await SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(Path.GetFullPath(file)).AbsoluteUri }, session);
                if (navigation.TryGetProperty("errorText", out var error) && error.GetString() is { Length: > 0 } text)
                    throw new InvalidOperationException($"navigation to {file} failed: {text}");
                await loaded.Task.WaitAsync(Timeout);

                const string probe = "JSON.stringify({ total: document.images.length, broken: [...document.images]"
                    + ".filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src')) })";
                var evaluated = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = probe, ["returnByValue"] = true }, session);
                using var images = JsonDocument.Parse(evaluated.GetProperty("result").GetProperty("value").GetString()!);
                var total = images.RootElement.GetProperty("total").GetInt32();
                var broken = images.RootElement.GetProperty("broken").EnumerateArray().Select(e => e.GetString() ?? "(no src)").ToList();

                var shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" }, session);
                var png = Convert.FromBase64String(shot.GetProperty("data").GetString()!);
                return new PageVisit(requests.ToList(), failures.ToList(), total, broken, png);
            }
            finally
            {
                await SendAsync("Target.closeTarget", new JsonObject { ["targetId"] = target });
            }
        }
        finally
        {
            EventReceived -= OnEvent;
        }
    }

    private async Task<JsonElement> SendAsync(string method, JsonObject parameters, string? session = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session is not null) message["sessionId"] = session;
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        using (var send = new CancellationTokenSource(Timeout))
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, send.Token);
        try
        {
            return await reply.Task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no reply to {method} within {Timeout.TotalSeconds} s: {Stderr}");
        }
    }

    private async Task ReceiveLoop()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                Dispatch(message.ToArray());
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        foreach (var pending in _pending.Values) pending.TrySetException(new InvalidOperationException($"the DevTools connection closed: {Stderr}"));
    }

    private void Dispatch(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("id", out var id))
        {
            if (!_pending.TryRemove(id.GetInt32(), out var reply)) return;
            if (root.TryGetProperty("error", out var error)) reply.TrySetException(new InvalidOperationException($"DevTools error: {error.GetRawText()}"));
            else reply.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
            return;
        }
        if (root.TryGetProperty("method", out var method))
        {
            var session = root.TryGetProperty("sessionId", out var s) ? s.GetString() : null;
            EventReceived?.Invoke(method.GetString() ?? "", root.TryGetProperty("params", out var p) ? p.Clone() : default, session);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                try { await SendAsync("Browser.close", new JsonObject()).WaitAsync(TimeSpan.FromSeconds(5)); }
                catch (Exception e) when (e is TimeoutException or InvalidOperationException or WebSocketException) { }
            }
            _stop.Cancel();
            await _receiver.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
            if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _socket.Dispose();
            _process.Dispose();
            _stop.Dispose();
            try { Directory.Delete(_profile, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
