"""Style sheets for Streamlit's page itself (its elements, found by ``data-testid``), which the
ui injects."""

# Large, plain and high-contrast, black on white, and made to fit a 768-pixel-high screen (a
# village-hall projector at 1024×768, a laptop at 1366×768) without scrolling: the heading 44 px,
# the headline figure 88 px, the message 30 px, the notes 22 px, the chart 470 px high. The
# sidebar, Streamlit's header, toolbar and footer are hidden, the demo banner is one thin line.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], footer { display: none !important; }
[data-testid="stAppViewContainer"], [data-testid="stMain"] { background: #ffffff; color: #000000; }
[data-testid="stMainBlockContainer"], .block-container {
  max-width: 100% !important; padding: 0.5rem 2rem 0.25rem 2rem !important; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.5rem; }
[data-testid="stMain"] [data-testid="stAlert"] > div { padding: 0.25rem 0.75rem; }
[data-testid="stMain"] [data-testid="stAlert"] p { font-size: 15px; }
.slide-heading { font-size: 44px; font-weight: 800; line-height: 1.1; color: #000000; }
.slide-headline { font-size: 88px; font-weight: 800; line-height: 1.0; color: #000000;
  margin: 0.05em 0; }
.slide-message { font-size: 30px; line-height: 1.25; color: #000000; }
.slide-note { font-size: 22px; line-height: 1.3; color: #1a1a1a; margin-top: 0.3em; }
.slide-number { font-size: 22px; font-weight: 700; color: #000000; text-align: center;
  white-space: nowrap; }
[data-testid="stMain"] [data-testid="stBaseButton-secondary"] p { font-size: 24px; }
[data-testid="stMain"] [data-testid="stPopoverButton"] p { font-size: 18px; }
[data-testid="stMain"] button kbd, [data-testid="stMain"] button [data-has-shortcut] * {
  color: #000000 !important; opacity: 1 !important; }
.st-key-present_page_down, .st-key-present_page_up { display: none !important; }
</style>
"""
