#!/usr/bin/env python3
"""Drives the Kontor dashboard in headless Chromium (selenium): log in with a token, check the counts and the order
list, open an order, hold it, and check that its status turns on-hold. Saves PNG screenshots and prints their paths.

Usage: dashboard_check.py BASE_URL TOKEN SCREENSHOT_DIR
Exit status 0 when every check passed, 1 when a check failed, 2 when selenium or chromium is missing.
"""
import os
import shutil
import sys

try:
    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    print("python3 selenium is missing: `make test` installs it (pip install selenium)", file=sys.stderr)
    sys.exit(2)


def browser():
    chromium = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        print("chromium or chromedriver is missing: `make test` installs them (apt: chromium chromium-driver)",
              file=sys.stderr)
        sys.exit(2)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1800"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(driver), options=options)


def main():
    base, token, folder = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    os.makedirs(folder, exist_ok=True)
    shots = []
    driver = browser()
    # Live updates replace elements while a check reads them: a stale element means "look again".
    wait = WebDriverWait(driver, 30, ignored_exceptions=[StaleElementReferenceException])

    def shot(name):
        path = os.path.join(folder, name + ".png")
        driver.save_screenshot(path)
        shots.append(path)

    def text(selector):
        return driver.find_element(By.CSS_SELECTOR, selector).text.strip()

    try:
        driver.get(base + "/dashboard")
        wait.until(EC.visibility_of_element_located((By.ID, "login-secret")))
        shot("1-login")
        driver.find_element(By.ID, "login-secret").send_keys(token)
        driver.find_element(By.ID, "login-submit").click()
        wait.until(EC.visibility_of_element_located((By.ID, "app")))
        # Both orders counted and listed (the summary and the list come from the read model).
        wait.until(lambda d: text("#total-orders") == "2")
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#order-list tr[data-order-id]")) == 2)
        channel = text('#channel-counts tr[data-channel="web"] td.num')
        assert channel == "2", f"web channel count {channel!r}"
        assert driver.find_elements(By.CSS_SELECTOR, "#hourly-chart svg rect.bar"), "no bars in the hourly chart"
        wait.until(lambda d: text("#live-state") == "live")
        shot("2-overview")

        driver.find_element(By.ID, "search-q").send_keys("E2E-DASH-1")
        driver.find_element(By.ID, "search-submit").click()
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#order-list tr[data-order-id]")) == 1)
        driver.find_element(By.CSS_SELECTOR, "#order-list tr[data-order-id]").click()
        wait.until(EC.visibility_of_element_located((By.ID, "order-panel")))
        wait.until(lambda d: text("#order-number") == "E2E-DASH-1")
        order_id = driver.find_element(By.ID, "order-panel").get_attribute("data-order-id")
        wait.until(lambda d: d.find_element(By.ID, "action-hold").is_enabled())
        assert driver.find_elements(By.CSS_SELECTOR, "#order-lines tbody tr"), "the order shows no lines"
        assert driver.find_elements(By.CSS_SELECTOR, "#order-timeline tbody tr"), "the order shows no timeline"
        shot("3-order")

        driver.find_element(By.ID, "action-hold").click()
        # The heading shows it upper-case (CSS); the element's text is what the browser renders.
        wait.until(lambda d: text("#order-status").lower() == "on-hold")
        # The live stream brings the new status into the counts and the exceptions without a reload.
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#status-counts tr[data-status="on-hold"]'))
        held = '#exceptions [data-exception="on-hold"] tr[data-order-id]'
        wait.until(lambda d: [r.get_attribute("data-order-id") for r in d.find_elements(By.CSS_SELECTOR, held)]
                   == [order_id])
        shot("4-held")
    except Exception as error:  # noqa: BLE001 - any failure is reported with a screenshot
        shot("failure")
        print(f"dashboard check failed: {type(error).__name__}: {error}", file=sys.stderr)
        for entry in driver.get_log("browser") if hasattr(driver, "get_log") else []:
            print(f"browser: {entry}", file=sys.stderr)
        for path in shots:
            print(path)
        return 1
    finally:
        driver.quit()
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
