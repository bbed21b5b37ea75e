// Browser helpers called from Bootstrap.Web.Shared.BrowserInterop.
window.bootstrapUi = {
    saveTheme: function (name, theme) {
        const secure = location.protocol === "https:" ? "; secure" : "";
        document.cookie = `${name}=${theme}; path=/; max-age=31536000; samesite=lax${secure}`;
    },
    copyText: async function (text) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            return false;
        }
    },
    downloadText: function (fileName, mimeType, text) {
        const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
        const link = document.createElement("a");
        link.href = url;
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
    },
    timeZone: function () {
        return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
    },
    focusFirstInvalid: function (containerSelector) {
        const container = document.querySelector(containerSelector);
        const invalid = container && container.querySelector('[aria-invalid="true"], .mud-input-error input, .mud-input-error textarea');
        if (invalid) {
            invalid.focus();
            return true;
        }
        return false;
    }
};

// The language menu is a <details>: close it on Escape (focus back on its button) and on a click elsewhere.
document.addEventListener("keydown", function (event) {
    const open = event.key === "Escape" && document.querySelector("details.language-switcher[open]");
    if (open) {
        open.removeAttribute("open");
        open.querySelector("summary").focus();
    }
});
document.addEventListener("click", function (event) {
    document.querySelectorAll("details.language-switcher[open]").forEach(function (menu) {
        if (!menu.contains(event.target)) {
            menu.removeAttribute("open");
        }
    });
});
