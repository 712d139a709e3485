package io.chartroom.adoption.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.chartroom.adoption.service.HelmfileImports;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Reads a team's repository at a Git URL (ADMIN) before Chartroom is pointed at it: URL, branch and credentials
 * (a token as the password). The read is the same as main's; nothing is fetched to keep.
 */
class GitUrlReadForm extends Details {

    GitUrlReadForm(HelmfileImports imports, Consumer<Callable<HelmfileImports.Report>> read) {
        setSummaryText("Read a repository at a Git URL instead");
        setId("helmfile-url-form");
        TextField url = new TextField("Git URL (http or https)");
        url.setId("helmfile-url");
        url.setPlaceholder("https://git.example.com/platform/releases.git");
        url.setWidth("28rem");
        TextField branch = new TextField("Branch");
        branch.setPlaceholder("the default branch");
        branch.setId("helmfile-url-branch");
        TextField username = new TextField("User name");
        username.setId("helmfile-url-username");
        PasswordField password = new PasswordField("Password or token");
        password.setId("helmfile-url-password");
        Button button = new Button("Read URL", e -> read.accept(() -> imports.readUrl(url.getValue(), branch.getValue(), username.getValue(),
                password.getValue())));
        button.setId("helmfile-url-read");
        HorizontalLayout fields = new HorizontalLayout(url, branch, username, password, button);
        fields.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        fields.setWrap(true);
        add(fields);
    }
}
